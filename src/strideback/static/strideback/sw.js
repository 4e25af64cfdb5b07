// Strideback service worker (served as /sw.js so its scope is the whole app).
//
// Pages: network first, so the runner always sees the latest plan when online; every page
// that loads is kept, so a reload without a network still shows today's session and the
// player. Static files: served from the cache at once and refreshed in the background.
// Posts (the journal) are never cached: offline.js queues them itself.

const VERSION = "__VERSION__";
const CACHE = `strideback-${VERSION}`;
const SHELL = __SHELL__;
// The app's paths, by URL name, filled in by training/pwa.py (worker_urls).
const URLS = __URLS__;
const OFFLINE_PAGE = URLS.offline;
const SLOW_NETWORK_MS = 4000;
const NEVER = URLS.never;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("strideback-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isPage(request) {
  return request.mode === "navigate" || (request.headers.get("Accept") || "").includes("text/html");
}

async function pageFirstFromNetwork(request, event) {
  const cache = await caches.open(CACHE);
  const fresh = fetch(request).then(async (response) => {
    // Keep only plain successful pages (not a redirect to the login page).
    if (response.ok && !response.redirected && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  });
  event.waitUntil(fresh.then(() => undefined, () => undefined));
  // A basement gym's network may hang rather than fail: after a few seconds, the kept copy.
  const slow = new Promise((resolve) => setTimeout(resolve, SLOW_NETWORK_MS, null));
  try {
    const first = await Promise.race([fresh, slow]);
    if (first) return first;
    const kept = await cache.match(request, { ignoreVary: true });
    return kept || (await fresh);
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    return kept || (await cache.match(OFFLINE_PAGE)) || Response.error();
  }
}

async function staleWhileRevalidate(request, event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })
    .catch(() => kept || Response.error());
  if (kept) {
    event.waitUntil(fresh.then(() => undefined));
    return kept;
  }
  return fresh;
}

async function forgetPages() {
  // Logging out must not leave the runner's pages readable on a shared phone.
  const cache = await caches.open(CACHE);
  const keys = await cache.keys();
  await Promise.all(keys.filter((r) => !SHELL.includes(new URL(r.url).pathname)).map((r) => cache.delete(r)));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(URLS.logout)) {
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== "GET" || NEVER.some((p) => url.pathname.startsWith(p))) return;
  if (url.pathname.startsWith(URLS.static) || url.pathname === URLS.manifest) {
    event.respondWith(staleWhileRevalidate(request, event));
  } else if (isPage(request)) {
    event.respondWith(pageFirstFromNetwork(request, event));
  }
});

// Reminders by Web Push (training/reminder_messages.py sends title, body, url, stop_url and
// stop_label in the runner's language): one notification, replaced rather than stacked, with
// a "stop these" action that opens the no-login stop page.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    return;
  }
  if (!message.title) return;
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body || "",
      lang: message.lang || "",
      tag: "strideback-reminder",
      icon: URLS.icon,
      data: { url: message.url || URLS.today, stop_url: message.stop_url || "" },
      actions: message.stop_url ? [{ action: "stop", title: message.stop_label || "Stop" }] : [],
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const target = event.action === "stop" && data.stop_url ? data.stop_url : data.url || URLS.today;
  event.waitUntil(self.clients.openWindow(target));
});
