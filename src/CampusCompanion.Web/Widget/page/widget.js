// The website widget: Microsoft's Web Chat on our own Direct Line endpoint.
// A visitor gets a short-lived token for one conversation from /api/webchat/token (the Direct Line secret never
// reaches the browser). Token and conversation id live in sessionStorage, so a reload resumes the conversation
// and the stream replays its history.
(async function () {
  'use strict';
  const SESSION_KEY = 'campuscompanion.session';
  const params = new URLSearchParams(location.search);
  const config = await (await fetch('/api/webchat/config')).json();

  document.getElementById('school-name').textContent = config.schoolName;
  const root = document.documentElement.style;
  root.setProperty('--primary', config.primaryColor);
  root.setProperty('--accent', config.accentColor);
  root.setProperty('--background', config.backgroundColor);

  const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
  const languages = config.languages;
  const wanted = (saved && saved.language) || params.get('lang') || (navigator.language || '').slice(0, 2);
  let language = languages.some(l => l.code === wanted) ? wanted : config.defaultLanguage;
  let audience = (saved && saved.audience) || params.get('audience') || null;
  // Unknown until the visitor says so: the bot then asks before showing a menu.

  const picker = document.getElementById('language');
  for (const l of languages) picker.add(new Option(l.name, l.code, false, l.code === language));
  for (const radio of document.querySelectorAll('input[name=audience]')) radio.checked = radio.value === audience;

  function save(extra) {
    const current = JSON.parse(sessionStorage.getItem(SESSION_KEY) || '{}');
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(Object.assign(current, { language, audience }, extra)));
  }

  async function startSession() {
    const response = await fetch('/api/webchat/token', { method: 'POST' });
    if (!response.ok) throw new Error('Could not start a chat (' + response.status + ')');
    const { token, conversationId } = await response.json();
    save({ token, conversationId, watermark: null });
    return { token, conversationId: null };
  }

  const session = saved && saved.token ? { token: saved.token, conversationId: saved.conversationId } : await startSession();
  const directLine = window.WebChat.createDirectLine({
    domain: location.origin + '/v3/directline',
    token: session.token,
    conversationId: session.conversationId || undefined,
    webSocket: params.get('polling') !== '1'
  });

  // Keep what a reload needs: the (refreshed) token, the conversation and the last watermark seen.
  directLine.activity$.subscribe(activity => {
    const watermark = activity.id && activity.id.includes('|') ? activity.id.split('|')[1] : null;
    save({ token: directLine.token, conversationId: activity.conversation && activity.conversation.id, watermark });
  });

  function sendEvent(dispatch, name) {
    dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name, value: { language, audience } } });
  }

  // On every connect the bot hears who is here and in which language; it welcomes a new conversation only once.
  const store = window.WebChat.createStore({}, ({ dispatch }) => next => action => {
    if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') sendEvent(dispatch, 'webchat/join');
    return next(action);
  });

  function render() {
    const direction = (languages.find(l => l.code === language) || {}).direction || 'ltr';
    document.documentElement.lang = language;
    document.documentElement.dir = direction;
    const host = document.getElementById('webchat');
    host.dir = direction;
    window.WebChat.renderWebChat({
      directLine,
      store,
      locale: language,
      dir: direction,
      styleOptions: {
        accent: config.primaryColor,
        bubbleFromUserBackground: '#e8f0f6',
        suggestedActionLayout: 'flow',
        hideUploadButton: true,
        sendTypingIndicator: false
      }
    }, host);
  }

  picker.addEventListener('change', () => {
    language = picker.value;
    save({});
    render();
    store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'campus/language', value: { language, audience } } });
  });
  for (const radio of document.querySelectorAll('input[name=audience]')) {
    radio.addEventListener('change', () => {
      audience = radio.value;
      save({});
      sendEvent(store.dispatch, 'webchat/join');
    });
  }

  render();
})().catch(error => {
  const host = document.getElementById('webchat');
  host.textContent = 'De chat kon niet starten. / The chat could not start. ' + error.message;
});
