/** The identity provider's own sign-in page: plain, accessible HTML with no scripts. */
import { DEMO_OTP as DEMO_OTP_TEXT, type DemoPerson } from './people';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function loginPage(options: { action: string; people: DemoPerson[]; error?: string; username?: string; clientName: string }) {
  const rows = options.people
    .map((p) => `<li><code>${escape(p.username)}</code> — ${escape(p.name)} (${escape(p.description)})</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — Demo identity provider</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
  button { margin-top: 1.25rem; padding: .6rem 1.2rem; font-size: 1rem; }
  .error { border: 2px solid #b00020; padding: .5rem .75rem; margin-top: 1rem; }
</style>
</head>
<body>
<main>
<h1>Demo identity provider</h1>
<p>Sign in to continue to ${escape(options.clientName)}.</p>
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="${escape(options.action)}" autocomplete="off">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required autofocus value="${escape(options.username ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<h2>Demo people</h2>
<p>The password of each is <code>demo</code>.</p>
<ul>${rows}</ul>
</main>
</body>
</html>`;
}

/** The second step for people enrolled in it: the demo one-time code (emulators/oidc/people.ts DEMO_OTP). */
export function otpPage(options: { action: string; error?: string }) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>One-time code — Demo identity provider</title>
<style>:root { color-scheme: light dark; font-family: system-ui, sans-serif; } body { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; } label { display: block; margin-top: 1rem; font-weight: 600; } input { display: block; width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; } button { margin-top: 1.25rem; padding: .6rem 1.2rem; font-size: 1rem; }</style>
</head>
<body><main>
<h1>Demo identity provider</h1>
<p>Enter the one-time code from your authenticator. In this demo it is <code>${DEMO_OTP_TEXT}</code>.</p>
${options.error ? `<p role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="${escape(options.action)}" autocomplete="off">
  <label for="code">One-time code</label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus>
  <button type="submit">Verify</button>
</form>
</main></body>
</html>`;
}

export function errorPage(title: string, message: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1><p role="alert">${escape(message)}</p></main></body></html>`;
}

/**
 * RP-initiated logout's confirmation (oidc-provider's logoutSource): `form` is the provider's own
 * form with its anti-forgery field; the buttons submit it with logout=yes, or without to stay.
 */
export function logoutPage(form: string) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign out — Demo identity provider</title>
<style>:root { color-scheme: light dark; font-family: system-ui, sans-serif; } body { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; } button { margin: 1rem .5rem 0 0; padding: .6rem 1.2rem; font-size: 1rem; }</style>
</head>
<body><main>
<h1>Demo identity provider</h1>
<p>Sign out of the identity provider too, so that the next sign-in asks for a password?</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>
</main></body>
</html>`;
}
