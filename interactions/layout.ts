// The frame every hosted page shares: one stylesheet, no script, readable on a phone.
import { html, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  issuerName: string;
  body: SafeHtml;
}

export function layout({ title, issuerName, body }: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${issuerName}</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<main class="card">
<p class="brand">${issuerName}</p>
${body}
</main>
</body>
</html>
`.value;
}

/** A page that explains a problem in plain words; never a stack trace. */
export function messagePage(issuerName: string, title: string, message: string, extra?: SafeHtml): string {
  return layout({
    title,
    issuerName,
    body: html`<h1>${title}</h1><p role="alert">${message}</p>${extra}`,
  });
}
