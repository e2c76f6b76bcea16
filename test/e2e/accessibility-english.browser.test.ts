// Every kind of page a person can meet, in English, in a real Chromium, checked by axe-core in the
// light and the dark theme at desktop and phone sizes: no violation anywhere (test/support/
// accessibility.ts; accessibility-french.browser.test.ts is the same walk in French).
import { everyPageIn } from '../support/accessibility.js';

describe('accessibility of every page, in Chromium', () => {
  everyPageIn('English', 'en-GB', 'en');
});
