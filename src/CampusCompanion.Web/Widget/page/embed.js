// Adds a chat button to any school web page:
//   <script src="https://bot.example-school.nl/embed.js" data-language="nl" data-audience="parent" defer></script>
(function () {
  'use strict';
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const query = new URLSearchParams();
  if (script.dataset.language) query.set('lang', script.dataset.language);
  if (script.dataset.audience) query.set('audience', script.dataset.audience);

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = script.dataset.label || 'Chat';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'campuscompanion-frame');
  button.style.cssText = 'position:fixed;bottom:1rem;inset-inline-end:1rem;z-index:2147483000;padding:.75rem 1.25rem;' +
    'border:0;border-radius:2rem;background:#1d4f73;color:#fff;font:600 1rem system-ui,sans-serif;cursor:pointer;';

  let frame = null;
  button.addEventListener('click', () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'campuscompanion-frame';
      frame.title = 'CampusCompanion chat';
      frame.src = origin + '/?' + query.toString();
      frame.style.cssText = 'position:fixed;bottom:4.5rem;inset-inline-end:1rem;z-index:2147483000;width:min(400px,calc(100vw - 2rem));' +
        'height:min(600px,calc(100vh - 6rem));border:1px solid #ccc;border-radius:.75rem;background:#fff;';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
    if (!frame.hidden) frame.focus();
  });
  document.body.appendChild(button);
})();
