// The reminder settings page: the runner's time zone from the browser, and, when
// "notification on this device" is ticked, this browser's Web Push subscription (sent to the
// API before the form is saved). Without JavaScript the form still saves e-mail reminders.

const form = document.getElementById("reminder-form");

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : form.querySelector("[name=csrfmiddlewaretoken]").value;
}

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

async function subscribe() {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return false;
  if ((await Notification.requestPermission()) !== "granted") return false;
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" }); // url-ok: root scope, see offline.js
  await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(form.dataset.pushKey),
  });
  const response = await fetch(form.dataset.subscribeUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(subscription.toJSON()),
  });
  return response.ok;
}

if (form) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) form.elements.time_zone.value = zone;
  form.addEventListener("submit", async (event) => {
    const push = document.getElementById("id_push");
    if (!push.checked || form.dataset.subscribed === "true") return;
    event.preventDefault();
    const status = document.getElementById("push-status");
    let ok = false;
    try {
      ok = await subscribe();
    } catch (error) {
      ok = false;
    }
    if (!ok) {
      push.checked = false;
      status.textContent = status.dataset.refused;
      push.focus();
      return; // the runner sees why and saves again (e-mail only, or after allowing)
    }
    form.dataset.subscribed = "true";
    form.requestSubmit();
  });
}
