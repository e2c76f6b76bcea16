// Every kind of page a person can meet, in French, in a real Chromium, checked by axe-core in the
// light and the dark theme at desktop and phone sizes: no violation anywhere (test/support/
// accessibility.ts; accessibility-english.browser.test.ts is the same walk in English).
import { everyPageIn } from '../support/accessibility.js';

describe('accessibility of every page, in Chromium', () => {
  everyPageIn('French', 'fr-FR', 'fr');
});
