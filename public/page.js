import { fetchJson } from './chat/api-client.js';
import { mountChat, safeStorage } from './chat/chat-ui.js';

/** The chat page at `/`: the shared chat component against this server. The conversation is kept in the tab's
 * session storage: a reload brings it back, a new tab starts afresh ("New conversation" empties it). */
const main = document.getElementById('main');
const endpoint = window.location.origin;
const chat = mountChat({ container: main, endpoint, autofocus: true, storageKey: `cite-page:${endpoint}`, storage: safeStorage('sessionStorage') });

// Name the documents under the title, so people know what they can ask about.
fetchJson(endpoint, '/api/sources')
  .then(({ sources }) => {
    if (!sources || sources.length === 0) return;
    const titles = sources.map((source) => source.title);
    const list = titles.length > 3 ? `${titles.slice(0, 3).join(', ')} and ${titles.length - 3} more` : titles.join(', ');
    document.getElementById('page-sources').textContent =
      `Answers come from ${titles.length === 1 ? 'the document' : 'the documents'} “${list}”, with citations you can check.`;
  })
  .catch(() => {});

document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  chat.focus();
});
