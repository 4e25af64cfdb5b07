// Load for repetition-maximum exercises (the heavy heel raise), in the session player.
//
// After each set of such an exercise the runner gives the load added (kg) and the reps done:
// two fields already filled in (today's proposed load, the target reps), one tap to save. The
// set goes to the same API as everywhere (PUT /api/v1/me/loads/{day}/{exercise}/{set}, sent
// again it replaces the set), and the next session's load comes back with its reason and its
// source (GET /api/v1/me/loads/next). The player (player.js) only tells this file which step
// it is on, with a "player:step" event; nothing here changes the player.

const $ = (selector, root = document) => root.querySelector(selector);

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

// Sets that could not be sent (no network) wait here, by URL: the PUT replaces a set, so
// sending one again, or a later correction of it, never stores two.
const OUTBOX = "strideback-load-outbox";

function outbox() {
  try {
    return JSON.parse(localStorage.getItem(OUTBOX) || "{}");
  } catch (error) {
    return {};
  }
}

function keep(url, body) {
  const waiting = outbox();
  waiting[url] = body;
  localStorage.setItem(OUTBOX, JSON.stringify(waiting));
}

function put(url, body) {
  return fetch(url, {
    method: "PUT",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
}

async function flush() {
  const waiting = outbox();
  for (const [url, body] of Object.entries(waiting)) {
    try {
      const response = await put(url, body);
      if (response.ok || response.status === 422) delete waiting[url]; // sent, or never valid
    } catch (error) {
      break; // still offline
    }
  }
  localStorage.setItem(OUTBOX, JSON.stringify(waiting));
}

function mountLoads() {
  const root = $("[data-player]");
  const panel = $("[data-ui=load]");
  const data = $("#rm-loads");
  const sessionData = $("#session");
  if (!root || !panel || !data || !sessionData) return;
  const loads = JSON.parse(data.textContent);
  const session = JSON.parse(sessionData.textContent);
  const day = panel.dataset.day;
  const ui = {
    title: $("[data-load=title]", panel),
    name: $("[data-load=name]", panel),
    proposal: $("[data-load=proposal]", panel),
    form: $("[data-load=form]", panel),
    kg: $("#load-kg", panel),
    reps: $("#load-reps", panel),
    close: $("[data-load=close]", panel),
    status: $("[data-load=status]", panel),
    next: $("[data-load=next]", panel),
    source: $("[data-load=source]", panel),
  };
  let current = null; // {exercise, set, sets}
  let lastWork = null;

  function open(exercise, set, sets) {
    const rm = loads[exercise];
    current = { exercise, set, sets };
    ui.title.textContent = fill(panel.dataset.title, { set, sets });
    ui.name.textContent = rm.name;
    ui.proposal.textContent = rm.reason;
    ui.source.textContent = rm.source;
    const logged = rm.logged[String(set)] || rm.logged[String(set - 1)];
    ui.kg.value = logged ? logged.load_kg : (rm.load_kg ?? 0);
    ui.reps.value = rm.logged[String(set)]?.reps ?? rm.target_reps;
    ui.status.textContent = "";
    panel.hidden = false;
    ui.reps.focus({ preventScroll: false });
    ui.reps.select?.();
  }

  root.addEventListener("player:step", (event) => {
    const step = event.detail;
    if (step.type === "work" || step.type === "wait") {
      const item = session.items?.[step.item];
      lastWork = item && loads[item.exercise] ? { exercise: item.exercise, set: step.set, sets: step.sets } : null;
      return;
    }
    if (step.type === "switch") return; // the other side of the same set
    if (lastWork) {
      open(lastWork.exercise, lastWork.set, lastWork.sets);
      lastWork = null;
    }
  });

  ui.close.addEventListener("click", () => { panel.hidden = true; });

  ui.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!current) return;
    const body = { load_kg: Number(ui.kg.value || 0), reps: Number(ui.reps.value || 0) };
    const { exercise, set } = current;
    const url = `${panel.dataset.setsUrl}/${day}/${encodeURIComponent(exercise)}/${set}`;
    let response;
    try {
      response = await put(url, body);
    } catch (error) {
      keep(url, body);
      loads[exercise].logged[String(set)] = body;
      ui.status.textContent = panel.dataset.offline;
      return;
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const first = (problem.errors || [])[0];
      ui.status.textContent = first ? `${first.field}: ${first.message}` : String(response.status);
      return;
    }
    loads[exercise].logged[String(set)] = body;
    ui.status.textContent = panel.dataset.saved;
    const advice = await fetch(`${panel.dataset.nextUrl}?exercise=${encodeURIComponent(exercise)}&on=${day}`, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    if (advice) {
      ui.next.textContent = `${panel.dataset.next} ${advice.reason}`;
      ui.source.textContent = advice.source_text;
    }
  });
}

mountLoads();
window.addEventListener("online", flush);
flush();
