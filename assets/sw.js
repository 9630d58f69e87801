// The service worker of the served app: it keeps a copy of the app's own
// files so that, after one visit, the app opens and works with the network
// off.
//
// - It precaches exactly the files of one build: the list below is written
//   at build time (scripts/sw-precache.mjs) with the build's id, which names
//   the cache. Nothing else is ever stored: no tenant file, no report (the
//   app never fetches those), no response of any other request.
// - It answers the app's own files from that cache (cache first); every
//   other request goes to the network untouched.
// - A new build installs next to the running one and waits: the page offers
//   "Reload to update" and sends "skip-waiting" when the user clicks it. The
//   new worker then takes over and deletes the caches of older builds.
// - The page may ask for the build id and cache name ("version"), answered
//   on the message port it sends.

// Filled in by scripts/sw-precache.mjs; left as they are, nothing is cached.
const BUILD = 'BUILD-ID-PLACEHOLDER';
const FILES = [/* PRECACHE-FILES */];

const PREFIX = 'mimecast-audit-';
const CACHE = `${PREFIX}${BUILD}`;
const SCOPE = self.registration.scope;

/** The cache key of a request for one of the app's files, or null. */
function keyOf(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  let href = url.href;
  // The page itself, as "/" or "/index.html" (with any query).
  if (href === new URL('index.html', SCOPE).href) href = SCOPE;
  return PRECACHED.has(href) ? href : null;
}

const PRECACHED = new Set(FILES.map((f) => new URL(f, SCOPE).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      if (!FILES.length) return;
      const cache = await caches.open(CACHE);
      // From the server, not from the browser's HTTP cache: a file of an
      // older build must not end up in this build's cache.
      await cache.addAll([...PRECACHED].map((url) => new Request(url, { cache: 'reload' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const key = keyOf(event.request);
  if (!key) return; // not ours: the browser handles it, nothing is stored
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      return hit ?? fetch(event.request);
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data === 'skip-waiting') {
    self.skipWaiting();
  } else if (data === 'version' && event.ports[0]) {
    event.ports[0].postMessage({ build: BUILD, cache: CACHE, files: FILES.length });
  }
});
