// Calls to the service. Writes carry the CSRF token, the editor name and (if set) an API key.

const body = document.body;
let csrfToken = body.dataset.csrf;

export class ApiFailure extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const settings = {
  get editor() { return localStorage.getItem('reportedly.editor') || ''; },
  set editor(v) { localStorage.setItem('reportedly.editor', v); },
  get apiKey() { return sessionStorage.getItem('reportedly.apikey') || ''; },
  set apiKey(v) { sessionStorage.setItem('reportedly.apikey', v); },
};

async function refreshCsrf() {
  const resp = await fetch('/review/csrf', { credentials: 'same-origin' });
  if (resp.ok) csrfToken = (await resp.json()).token;
}

async function send(method, url, payload, retry = true) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json',
                    'X-CSRF-Token': csrfToken };
  if (settings.editor) headers[body.dataset.editorHeader] = encodeURIComponent(settings.editor);
  if (settings.apiKey) headers['X-API-Key'] = settings.apiKey;
  let resp;
  try {
    resp = await fetch(url, { method, headers, credentials: 'same-origin',
                              body: payload === undefined ? undefined : JSON.stringify(payload) });
  } catch (err) {
    throw new ApiFailure(0, 'the service cannot be reached', 'network');
  }
  let data = null;
  try { data = await resp.json(); } catch (err) { data = null; }
  const error = data && data.error ? data.error : {};
  if (resp.status === 403 && error.code === 'csrf_failed' && retry) {
    await refreshCsrf();
    return send(method, url, payload, false);
  }
  if (!resp.ok) throw new ApiFailure(resp.status, error.message || resp.statusText, error.code);
  return data;
}

export const createArticle = (payload) => send('POST', '/v1/articles', payload);
export const saveCorrection = (id, correction) =>
  send('POST', `/v1/articles/${encodeURIComponent(id)}/corrections`, correction);
