// Loaded as the first element of <body> (an external file, so a Content-Security-Policy needs no
// 'unsafe-inline'): marks the page as scripted before it paints, as GOV.UK Frontend expects.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
