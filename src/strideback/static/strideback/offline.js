// Offline support for every page that loads this module:
//  - registers the service worker (/sw.js, scope "/"), which keeps pages and assets for offline use;
//  - sendEntry(url, entry): posts a journal entry; without a network (or when the server is
//    down) the entry is kept in localStorage and sent again when the network returns and on
//    the next page load. Each entry carries its idempotency key, so a retry that reaches the
//    server twice is stored once.

const QUEUE_KEY = "strideback.outbox";

export function newKey() {
  const uuid = globalThis.crypto?.randomUUID?.();
  if (uuid) return uuid.replaceAll("-", "");
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export function pending() {
  try {
    const queue = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
    return Array.isArray(queue) ? queue : [];
  } catch {
    return [];
  }
}

function store(queue) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  document.dispatchEvent(new CustomEvent("strideback:outbox", { detail: { count: queue.length } }));
}

function enqueue(url, entry) {
  const queue = pending().filter((item) => item.entry.idempotency_key !== entry.idempotency_key);
  queue.push({ url, entry, queuedAt: new Date().toISOString() });
  store(queue);
}

async function post(url, entry) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(entry),
  });
  let body = {};
  try { body = await response.json(); } catch { body = {}; }
  return { status: response.status, body };
}

// Returns {saved: body} (stored now), {queued: true} (kept for later) or {errors: [...]}.
export async function sendEntry(url, entry) {
  if (!entry.idempotency_key) entry = { ...entry, idempotency_key: newKey() };
  if (navigator.onLine === false) {
    enqueue(url, entry);
    return { queued: true };
  }
  try {
    const { status, body } = await post(url, entry);
    if (status === 200 || status === 201) return { saved: body, created: status === 201 };
    if (status === 422 || status === 400) return { errors: body.errors || [{ field: "body", message: String(status) }] };
    enqueue(url, entry); // logged out, CSRF expired or server trouble: try again later
    return { queued: true, status };
  } catch {
    enqueue(url, entry);
    return { queued: true };
  }
}

let flushing = null;

// Send everything in the outbox; entries the server took (or refused as invalid) leave it.
export function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    for (const item of pending()) {
      if (navigator.onLine === false) break;
      try {
        const { status } = await post(item.url, item.entry);
        if (status >= 500 || status === 401 || status === 403) continue;
        if (status === 422 || status === 400) console.warn("Strideback: an offline entry was refused", item.entry);
        else sent += 1;
        store(pending().filter((q) => q.entry.idempotency_key !== item.entry.idempotency_key));
      } catch {
        break; // still no network
      }
    }
    if (sent) document.dispatchEvent(new CustomEvent("strideback:sent", { detail: { count: sent } }));
    return sent;
  })().finally(() => { flushing = null; });
  return flushing;
}

function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  // The worker must sit at the site root for its scope "/" to cover every page.
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {}); // url-ok: root scope
}

registerWorker();
window.addEventListener("online", () => flush());
if (navigator.onLine !== false && pending().length) flush();
window.StridebackOutbox = { pending, flush, sendEntry };
