// The backgrounds the hosted pages draw text on (interactions/static/style.css), in each theme: the
// card and, around it, the page (the language switcher sits there). An accent colour is checked
// against each of them at start-up; test/unit/branding.test.ts keeps these equal to the stylesheet.

export const THEMES = {
  light: { card: '#ffffff', page: '#f3f4f7', accent: '#2f5bd3' },
  dark: { card: '#1f2229', page: '#15171c', accent: '#8fb0ff' },
} as const;

export type Theme = keyof typeof THEMES;
