// Strideback session player. No dependencies, no build step.
//
// Three layers, each small enough to test on its own:
//  1. buildSteps(session, texts): a pure function turning the session payload into steps
//     (get ready, work, switch sides, rest, segment, done), each with cues at times (ms)
//     relative to the step's start. timeline() flattens them to absolute times.
//  2. createRunner(steps, {clock, audio, ...}): walks the steps on a clock (the real one, or
//     Playwright's fake one in tests), firing cues on time; pause, resume, skip, end.
//  3. The page: big visuals, an aria-live line that repeats every cue as text, the
//     end-of-session log. Spoken cues and beeps go through a thin audio layer that logs
//     everything it plays to window.StridebackPlayer.log, so tests can observe it.

import { sendEntry, newKey, pending } from "./offline.js";
import { createFigure, stillPoses } from "./figure.js";

const READY_MS = 10000;
const SWITCH_MS = 5000;
const COUNT_PACE_MS = 3000; // reps without a tempo: one every 3 seconds
const RELAX_MS = 3000; // reps with a hold: relax 3 seconds between holds
const STALE_MS = 1500; // a cue this late, with a later one also due, is shown but not voiced

// --- texts ------------------------------------------------------------------------------

export function format(texts, key, params = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : ""));
}

// --- 1. the timeline (pure) -----------------------------------------------------------

function cue(at, id, text, extra = {}) {
  return { at: Math.round(at), id, text, ...extra };
}

function countdown(endMs, texts) {
  // "3, 2, 1" in the last three seconds before endMs (only when there is room).
  const cues = [];
  for (const n of [3, 2, 1]) {
    const at = endMs - n * 1000;
    if (at > 0) cues.push(cue(at, "count", String(n), { beep: "tick", count: n }));
  }
  return cues;
}

// The exercise's own words for its phases (content: "out, hold, in" for a band abduction,
// "down, hold, up" for a squat); the cue ids stay up, hold, down (away, still, back).
const WORDS = ["up", "hold", "down"];

function tempoWork(dose, texts, words = WORDS) {
  const [up, hold, down] = dose.tempo_seconds.map((s) => s * 1000);
  const [away, still, back] = words;
  const rep = up + hold + down;
  const cues = [];
  for (let n = 1; n <= dose.reps; n += 1) {
    const start = (n - 1) * rep;
    const reps = { rep: n, reps: dose.reps };
    cues.push(cue(start, "up", format(texts, `cue.rep_${away}`, { n }), { beep: "start", span: up, word: `cue.${away}`, ...reps }));
    cues.push(cue(start + up, "hold", texts[`cue.${still}`], { beep: "hold", span: hold, word: `cue.${still}`, ...reps }));
    cues.push(cue(start + up + hold, "down", texts[`cue.${back}`], { beep: "down", span: down, word: `cue.${back}`, ...reps }));
  }
  return { duration: dose.reps * rep, cues };
}

function holdRepsWork(dose, texts, words = WORDS) {
  const hold = dose.hold_seconds * 1000;
  const still = words[1];
  const cues = [];
  for (let n = 1; n <= dose.reps; n += 1) {
    const start = (n - 1) * (hold + RELAX_MS);
    const reps = { rep: n, reps: dose.reps };
    cues.push(cue(start, "hold", format(texts, `cue.rep_${still}`, { n }), { beep: "hold", span: hold, word: `cue.${still}`, ...reps }));
    cues.push(cue(start + hold, "relax", texts["cue.relax"], { beep: "down", span: RELAX_MS, word: "cue.relax", ...reps }));
  }
  return { duration: dose.reps * (hold + RELAX_MS), cues };
}

function countedWork(dose, texts) {
  const cues = [];
  for (let n = 1; n <= dose.reps; n += 1) {
    cues.push(cue((n - 1) * COUNT_PACE_MS, "rep", String(n), { beep: "start", span: COUNT_PACE_MS, rep: n, reps: dose.reps }));
  }
  return { duration: dose.reps * COUNT_PACE_MS, cues };
}

function holdWork(dose, texts, words = WORDS) {
  const ms = dose.hold_seconds * 1000;
  const still = words[1];
  const first = cue(0, "hold", format(texts, `cue.${still}_for`, { seconds: dose.hold_seconds }), { beep: "hold", span: ms, word: `cue.${still}` });
  return { duration: ms, cues: [first, ...countdown(ms, texts)] };
}

function untimedWork(dose, texts) {
  const key = dose.steps_each_way ? "cue.go_steps" : "cue.go";
  const text = format(texts, key, { steps: dose.steps_each_way });
  return { duration: null, cues: [cue(0, "go", text, { beep: "start", word: "cue.go_short" })] };
}

export function workFor(dose, texts, words = WORDS) {
  if (dose.reps && dose.tempo_seconds && !dose.steps_each_way) return tempoWork(dose, texts, words);
  if (dose.reps && dose.hold_seconds) return holdRepsWork(dose, texts, words);
  if (dose.reps) return countedWork(dose, texts);
  if (dose.hold_seconds) return holdWork(dose, texts, words);
  return untimedWork(dose, texts);
}

function readyStep(item, index, total, texts) {
  const ms = (item.pacer?.get_ready ?? READY_MS / 1000) * 1000; // the exercise's own set-up time
  const text = format(texts, "cue.get_ready", { name: item.name });
  const cues = [cue(0, "ready", text, { beep: "tick", span: ms, word: "player.get_ready" }), ...countdown(ms, texts)];
  return { type: "ready", item: index, items: total, duration: ms, cues };
}

// The side a per-side step works ("left"/"right", content: which side the exercise names
// first), or null when the exercise does not say.
export function sideName(item, side) {
  const first = item?.pacer?.first_side;
  if (!first || !side) return null;
  return side === 1 ? first : first === "left" ? "right" : "left";
}

function restStep(ms, index, set, sets, usedDefault, texts) {
  const cues = [cue(0, "rest", texts["cue.rest"], { beep: "rest", span: ms, word: "cue.rest" }), ...countdown(ms, texts)];
  return { type: "rest", item: index, set, sets, duration: ms, defaultRest: usedDefault, cues };
}

function itemSteps(item, index, total, session, texts) {
  const dose = item.dose;
  const steps = [readyStep(item, index, total, texts)];
  const sides = dose.per_side ? [1, 2] : [null];
  const restDefault = !dose.rest_seconds;
  const restMs = (dose.rest_seconds || session.default_rest_seconds || 60) * 1000;
  for (let set = 1; set <= dose.sets; set += 1) {
    for (const side of sides) {
      if (side === 2) {
        const to = sideName(item, 2);
        const switchCue = cue(0, "switch", texts[to ? `cue.switch_to_${to}` : "cue.switch"], { beep: "switch", span: SWITCH_MS, word: "cue.switch" });
        steps.push({ type: "switch", item: index, set, sets: dose.sets, side, duration: SWITCH_MS, cues: [switchCue] });
      }
      const work = workFor(dose, texts, item.pacer?.words);
      const last = side === null || side === 2;
      steps.push({ type: work.duration === null ? "wait" : "work", item: index, set, sets: dose.sets, side, lastSide: last, ...work });
    }
    if (set < dose.sets) steps.push(restStep(restMs, index, set, dose.sets, restDefault, texts));
  }
  return steps;
}

function segmentCue(segment, texts) {
  const many = segment.minutes === 1 ? "one" : "many";
  const text = format(texts, `cue.${segment.kind}_${many}`, { minutes: segment.minutes });
  return cue(0, segment.kind, text, { beep: segment.kind === "run" ? "start" : "rest", word: `cue.${segment.kind}` });
}

function runSteps(session, texts) {
  const segments = session.segments;
  const total = segments.reduce((sum, s) => sum + s.minutes * 60000, 0);
  const half = total / 2;
  const steps = [{ type: "ready", item: 0, items: 1, duration: READY_MS, cues: [cue(0, "ready", texts["cue.get_ready_run"], { beep: "tick", span: READY_MS, word: "player.get_ready" }), ...countdown(READY_MS, texts)] }];
  let start = 0;
  segments.forEach((segment, i) => {
    const ms = segment.minutes * 60000;
    const cues = [segmentCue(segment, texts)];
    if (half >= start && half < start + ms) cues.push(cue(half - start, "halfway", texts["cue.halfway"], { beep: "hold" }));
    if (segment.minutes >= 2) cues.push(cue(ms - 60000, "one_minute", texts["cue.one_minute"], { beep: "tick" }));
    cues.sort((a, b) => a.at - b.at);
    steps.push({ type: "segment", kind: segment.kind, segment: i + 1, segments: segments.length, offset: start, total, duration: ms, cues });
    start += ms;
  });
  return steps;
}

function doneStep(texts) {
  return { type: "done", duration: 0, cues: [cue(0, "done", texts["cue.done"], { beep: "done" })] };
}

export function buildSteps(session, texts) {
  if (session.kind === "run") return [...runSteps(session, texts), doneStep(texts)];
  const items = session.items;
  const steps = items.flatMap((item, i) => itemSteps(item, i, items.length, session, texts));
  return [...steps, doneStep(texts)];
}

// Every cue with its absolute time (ms), as if the runner never paused or waited.
export function timeline(session, texts) {
  let t = 0;
  const out = [];
  buildSteps(session, texts).forEach((step, index) => {
    for (const c of step.cues) out.push({ ...c, at: t + c.at, step: index, type: step.type });
    t += step.duration || 0;
  });
  return out;
}

// --- 2. the runner (clock-driven) ------------------------------------------------------

export const realClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
};

export function createRunner(steps, { clock = realClock, onStep, onCue, onTick, onEnd }) {
  const state = { index: -1, started: 0, pausedAt: null, fired: 0, timer: null, ended: false };

  function elapsed() {
    const now = state.pausedAt ?? clock.now();
    return now - state.started;
  }

  function enter(index, startAt = clock.now()) {
    state.index = index;
    state.started = startAt;
    state.fired = 0;
    if (index >= steps.length) return finish(true);
    onStep?.(steps[index], index);
    tick();
  }

  function nextBoundary(step, at) {
    const upcoming = step.cues[state.fired];
    const candidates = [Math.floor(at / 1000) * 1000 + 1000];
    if (upcoming) candidates.push(upcoming.at);
    if (step.duration !== null) candidates.push(step.duration);
    return Math.min(...candidates);
  }

  function tick() {
    clock.clearTimeout(state.timer);
    if (state.ended || state.pausedAt !== null) return;
    const step = steps[state.index];
    const at = elapsed();
    while (state.fired < step.cues.length && step.cues[state.fired].at <= at) {
      const due = step.cues[state.fired];
      const next = step.cues[state.fired + 1];
      // After a stall (a hidden tab's throttled timers), only the latest overdue cue is voiced.
      const stale = at - due.at > STALE_MS && next !== undefined && next.at <= at;
      onCue?.(due, step, stale);
      state.fired += 1;
    }
    // The next step starts when this one was due to end, so timer jitter never adds up.
    if (step.duration !== null && at >= step.duration) return leave(true, state.started + step.duration);
    onTick?.(step, at);
    state.timer = clock.setTimeout(tick, Math.max(0, nextBoundary(step, at) - at));
  }

  function leave(completed, startAt) {
    const step = steps[state.index];
    step.completed = completed;
    enter(state.index + 1, startAt);
  }

  function finish(completed) {
    state.ended = true;
    clock.clearTimeout(state.timer);
    onEnd?.(completed);
  }

  return {
    get step() { return steps[state.index]; },
    get index() { return state.index; },
    get paused() { return state.pausedAt !== null; },
    get ended() { return state.ended; },
    elapsed,
    start: (from = 0) => enter(from),
    pause() {
      if (state.pausedAt !== null || state.ended) return;
      state.pausedAt = clock.now();
      clock.clearTimeout(state.timer);
    },
    resume() {
      if (state.pausedAt === null || state.ended) return;
      state.started += clock.now() - state.pausedAt;
      state.pausedAt = null;
      tick();
    },
    skip() { // leave the current step without counting it as done
      if (state.ended) return;
      state.pausedAt = null;
      leave(false);
    },
    done() { // the runner says the untimed step is done
      if (state.ended) return;
      state.pausedAt = null;
      leave(true);
    },
    skipItem() {
      if (state.ended) return;
      const item = steps[state.index].item;
      let next = state.index + 1;
      while (next < steps.length && steps[next].item === item && steps[next].type !== "done") next += 1;
      state.pausedAt = null;
      steps[state.index].completed = false;
      enter(next);
    },
    end() { finish(false); },
    extend(ms) { // more time for this step (getting ready): its countdown starts again later
      const step = steps[state.index];
      if (state.ended || !step || step.duration === null) return;
      const kept = step.cues.slice(0, state.fired).filter((c) => c.id !== "count");
      const later = step.cues.slice(state.fired).filter((c) => c.id !== "count");
      step.duration += ms;
      step.cues = [...kept, ...later, ...countdown(step.duration)].sort((a, b) => a.at - b.at);
      state.fired = kept.length;
      if (state.pausedAt === null) tick();
    },
    reopen() { // back from the log to a paused session after "End" by mistake
      state.ended = false;
      state.pausedAt = clock.now();
    },
  };
}

// Sets actually done: a set counts when its last side's work finished (or was marked done).
export function setsDone(steps) {
  return steps.filter((s) => (s.type === "work" || s.type === "wait") && s.lastSide && s.completed).length;
}

// A resumed session (issue: a day you can finish): the step it starts from, after the sets
// or running minutes already logged (those steps count as done), with a get-ready first.
export function resumeAt(steps, redo) {
  if (!redo || !redo.resume) return 0;
  let i = 0;
  if (steps.some((s) => s.type === "segment")) {
    let left = (redo.run_minutes || 0) * 60000;
    for (; i < steps.length && steps[i].type !== "done"; i += 1) {
      const s = steps[i];
      if (s.type === "segment" && (s.kind === "run" ? left < s.duration : left <= 0)) break;
      if (s.type === "segment" && s.kind === "run") left -= s.duration;
      s.completed = true;
    }
  } else {
    let count = 0;
    while (i < steps.length && count < (redo.sets_done || 0) && steps[i].type !== "done") {
      const s = steps[i];
      s.completed = true;
      if ((s.type === "work" || s.type === "wait") && s.lastSide) count += 1;
      i += 1;
    }
    while (steps[i]?.type === "rest") i += 1;
  }
  if (i <= 1) return 0;
  const at = steps[i];
  if (at.type === "done" || at.type === "ready") return i;
  const ready = steps.find((s) => s.type === "ready" && (at.item === undefined || s.item === at.item));
  steps.splice(i, 0, { ...ready, set: at.set, sets: at.sets, completed: false });
  return i;
}

export function setsPlanned(steps) {
  return steps.filter((s) => (s.type === "work" || s.type === "wait") && s.lastSide).length;
}

export function runMinutes(steps, current, elapsedMs) {
  let ms = 0;
  steps.forEach((s, i) => {
    if (s.type !== "segment" || s.kind !== "run") return;
    if (s.completed) ms += s.duration;
    else if (i === current) ms += Math.min(elapsedMs, s.duration);
  });
  return Math.round(ms / 6000) / 10;
}

// --- 3a. audio: speech and beeps, observable -------------------------------------------

const BEEPS = {
  start: [[880, 180]],
  hold: [[660, 90], [660, 90]],
  down: [[440, 120]],
  switch: [[523, 110], [659, 110], [784, 160]],
  rest: [[587, 220], [440, 320]],
  done: [[523, 140], [659, 140], [784, 140], [1047, 320]],
  tick: [[1000, 50]],
};

export function createAudio({ speechLang, log, now }) {
  let context = null;
  let muted = false;
  let voice = null;

  function pickVoice() {
    const voices = window.speechSynthesis?.getVoices?.() ?? [];
    const base = speechLang.slice(0, 2);
    voice = voices.find((v) => v.lang === speechLang) ?? voices.find((v) => v.lang.startsWith(base)) ?? null;
  }

  return {
    unlock() { // called from the Start tap: browsers only allow sound after a gesture
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!context && Ctx) {
        try { context = new Ctx(); } catch { context = null; }
      }
      context?.resume?.();
      if (window.speechSynthesis) {
        pickVoice();
        window.speechSynthesis.onvoiceschanged = pickVoice;
      }
    },
    set muted(value) { muted = value; if (value) window.speechSynthesis?.cancel(); },
    get muted() { return muted; },
    say(text, id) {
      log.push({ t: now(), type: "say", id, text, lang: speechLang });
      if (muted || !window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
      // Never let cues queue up behind each other (but only cancel when something is
      // speaking: some Chrome builds drop an utterance spoken right after a cancel).
      if (window.speechSynthesis.speaking || window.speechSynthesis.pending) window.speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = speechLang;
      if (voice) utterance.voice = voice;
      utterance.rate = 1;
      window.speechSynthesis.speak(utterance);
    },
    beep(pattern) {
      log.push({ t: now(), type: "beep", pattern });
      if (muted || !context || !BEEPS[pattern]) return;
      let at = context.currentTime + 0.01;
      for (const [frequency, ms] of BEEPS[pattern]) {
        const osc = context.createOscillator();
        const gain = context.createGain();
        osc.type = "sine";
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.4, at + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
        osc.connect(gain).connect(context.destination);
        osc.start(at);
        osc.stop(at + ms / 1000 + 0.02);
        at += ms / 1000 + 0.06;
      }
    },
    stop() { window.speechSynthesis?.cancel(); },
  };
}

// --- 3b. wake lock: keep the screen on while the session runs ---------------------------

function createWakeLock() {
  let sentinel = null;
  let wanted = false;
  let asking = false;
  async function acquire() {
    if (!wanted || sentinel || asking || !navigator.wakeLock || document.visibilityState !== "visible") return;
    asking = true;
    try {
      const lock = await navigator.wakeLock.request("screen");
      if (!wanted) return void lock.release(); // the session ended while we were asking
      sentinel = lock;
      lock.addEventListener("release", () => { if (sentinel === lock) sentinel = null; });
    } catch { sentinel = null; } finally { asking = false; }
  }
  document.addEventListener("visibilitychange", acquire); // the lock drops when the tab hides
  return {
    on() { wanted = true; acquire(); },
    off() { wanted = false; sentinel?.release?.(); sentinel = null; },
    get held() { return sentinel !== null; },
  };
}

// --- 3c. the figure: which pose or movement each step shows ---------------------------------

// What the figure does in a step: null (none), a still pose, or moving with the step's clock.
export function figurePlan(session, step) {
  if (step.type === "done") return null;
  if (session.kind === "run") {
    const anim = step.type === "segment" ? session.figures?.[step.kind] : session.figures?.walk;
    if (!anim) return null;
    return { anim, second: false, move: step.type === "segment" };
  }
  const anim = session.items?.[step.item]?.figure;
  if (!anim) return null;
  const second = step.type === "switch" || step.side === 2;
  return { anim, second, move: step.type === "work" || step.type === "wait" };
}

// Draws each step's figure; moves it on every animation frame while a step is under way,
// reading the runner's own clock, so it is where the pacer is even after a pause or a stall.
function createFigurePlayer(host, session, runner) {
  if (!host) return { step() {}, kick() {}, stats: null };
  const view = createFigure(host);
  const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)");
  const stats = { frames: 0, busyMs: 0, maxMs: 0 };
  let plan = null;
  let raf = null;

  function frame() {
    raf = null;
    if (!plan?.move || reduced?.matches || runner.paused || runner.ended) return;
    const t0 = performance.now();
    view.at(plan.anim, plan.second, runner.elapsed() / 1000);
    const ms = performance.now() - t0;
    stats.frames += 1;
    stats.busyMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    raf = requestAnimationFrame(frame);
  }

  function kick() {
    if (raf === null && plan?.move && !reduced?.matches) raf = requestAnimationFrame(frame);
  }

  function step(s) {
    plan = figurePlan(session, s);
    host.hidden = !plan;
    if (!plan) return;
    view.label(plan.anim.label);
    if (reduced?.matches) view.stills(plan.anim, plan.second);
    else if (plan.move) view.at(plan.anim, plan.second, 0);
    else view.pose(plan.anim, plan.second, stillPoses(plan.anim)[0]);
    kick();
  }
  reduced?.addEventListener?.("change", () => { if (plan && runner.step) step(runner.step); });
  return { step, kick, stats };
}

// --- 3d. the page ------------------------------------------------------------------------

const $ = (selector, root = document) => root.querySelector(selector);

function clockText(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = String(total % 60).padStart(2, "0");
  return `${m}:${s}`;
}

function mount(root) {
  const session = JSON.parse($("#session").textContent);
  const texts = JSON.parse($("#player-texts").textContent);
  const steps = buildSteps(session, texts);
  const resumeFrom = resumeAt(steps, session.redo);
  const log = [];
  let t0 = null;
  const now = () => (t0 === null ? 0 : Math.round(performance.now() - t0));
  const audio = createAudio({ speechLang: session.speech_lang, log, now });
  const wake = createWakeLock();
  const ui = {
    intro: $("[data-part=intro]", root),
    stage: $("[data-part=stage]", root),
    form: $("[data-part=log]", root),
    where: $("[data-ui=where]", root),
    name: $("[data-ui=name]", root),
    word: $("[data-ui=word]", root),
    count: $("[data-ui=count]", root),
    hint: $("[data-ui=hint]", root),
    live: $("[data-ui=live]", root),
    ring: $("[data-ui=ring]", root),
    bar: $("[data-ui=bar]", root),
    how: $("[data-ui=how]", root),
    pause: $("[data-action=pause]", root),
    skip: $("[data-action=skip]", root),
    next: $("[data-action=next]", root),
    done: $("[data-action=done]", root),
    more: $("[data-action=more]", root),
    end: $("[data-action=end]", root),
  };
  let lastCue = null;

  function announce(text) {
    ui.live.textContent = text;
    log.push({ t: now(), type: "live", text });
  }

  function where(step) {
    const parts = [];
    if (session.kind === "run") {
      if (step.type === "segment") parts.push(format(texts, "player.segment_of", { n: step.segment, total: step.segments }));
    } else if (step.item !== undefined) {
      parts.push(format(texts, "player.exercise_of", { n: step.item + 1, total: session.items.length }));
      if (step.set) parts.push(format(texts, "player.set_of", { n: step.set, total: step.sets }));
      const named = sideName(session.items[step.item], step.side);
      if (named) parts.push(texts[`player.side_${named}`]);
      else if (step.side) parts.push(texts[step.side === 1 ? "player.side_first" : "player.side_second"]);
    }
    return parts.join(" · ");
  }

  function segmentHint(step, leftMs) {
    const left = format(texts, "player.total_left", { time: clockText(leftMs) });
    const km = session.segments[step.segment - 1]?.or_km;
    return km ? `${format(texts, "show.or_km", { km })} · ${left}` : left;
  }

  function hintFor(step) {
    if (step.type === "rest") {
      const seconds = step.duration / 1000;
      const rest = format(texts, step.defaultRest ? "player.rest_default" : "player.rest_for", { seconds });
      return `${rest} ${format(texts, "player.next_set", { n: step.set + 1, total: step.sets })}`;
    }
    if (session.kind === "run") {
      if (step.type === "segment") return segmentHint(step, step.total - step.offset);
      return "";
    }
    const item = session.items[step.item];
    if (!item) return "";
    if (step.type === "ready") return `${item.dose_text}`;
    if (step.type === "wait") return texts["player.untimed_hint"];
    if (item.dose.repetition_maximum) return format(texts, "player.rm_hint", { reps: item.dose.reps });
    return item.dose_text;
  }

  function showHow(step) {
    const item = session.items?.[step.item];
    ui.how.hidden = !item;
    if (!item) return;
    $("[data-ui=steps]", ui.how).replaceChildren(...item.steps.map((s) => Object.assign(document.createElement("li"), { textContent: s })));
    const ours = $("[data-ui=ours]", ui.how);
    ours.textContent = item.steps_ours || "";
    ours.hidden = !ours.textContent;
    $("[data-ui=cues]", ui.how).replaceChildren(...item.cues.map((s) => Object.assign(document.createElement("li"), { textContent: s })));
    const note = $("[data-ui=note]", ui.how);
    note.textContent = [item.note, ...item.setup].filter(Boolean).join(" ");
    note.hidden = !note.textContent;
  }

  function onStep(step) {
    // For loads.js (kg and reps after each set of a repetition-maximum exercise).
    root.dispatchEvent(new CustomEvent("player:step", { detail: { type: step.type, item: step.item, set: step.set, sets: step.sets } }));
    root.dataset.step = step.type;
    ui.stage.dataset.kind = step.kind || step.type;
    ui.where.textContent = where(step);
    const item = session.items?.[step.item];
    if (session.kind === "run") ui.name.textContent = step.type === "segment" ? texts[`cue.${step.kind}`] : texts["player.get_ready"];
    else if (step.type === "ready" && item) ui.name.textContent = item.name;
    else if (item) ui.name.textContent = item.name;
    ui.hint.textContent = hintFor(step);
    ui.done.hidden = step.type !== "wait";
    if (ui.more) ui.more.hidden = step.type !== "ready";
    ui.skip.textContent = texts[{ ready: "player.start_now", rest: "player.skip_rest", segment: "player.skip_segment" }[step.type] || "player.skip_set"];
    ui.next.hidden = session.kind === "run";
    ui.word.textContent = step.type === "wait" ? texts["cue.go_short"] : "";
    ui.word.hidden = step.type === "segment";
    if (step.type === "ready") showHow(step);
    if (step.type === "wait") ui.done.focus({ preventScroll: true });
    // A control that just disappeared (Done) must not leave keyboard focus on nothing.
    else if (!ui.stage.hidden && (document.activeElement === document.body || document.activeElement === ui.done)) ui.pause.focus({ preventScroll: true });
  }

  function onCue(c, step, stale) {
    if (!stale) {
      audio.beep(c.beep);
      audio.say(c.text, c.id);
    }
    lastCue = c;
    if (step.type !== "segment" && c.id !== "count") ui.word.textContent = c.word ? texts[c.word] ?? c.text : c.text;
    const rep = c.rep ? format(texts, "player.rep_of", { n: c.rep, total: c.reps }) : "";
    announce(c.rep && c.word ? `${rep}: ${texts[c.word]}` : c.rep ? `${rep}` : c.text);
    if (c.span && ui.ring) {
      ui.ring.dataset.phase = c.id;
      ui.ring.style.setProperty("--span", `${c.span}ms`);
    }
  }

  function onTick(step, at) {
    if (step.type === "segment") {
      ui.count.textContent = clockText(step.duration - at);
      ui.bar.style.width = `${((step.offset + at) / step.total) * 100}%`;
      ui.hint.textContent = segmentHint(step, step.total - step.offset - at);
    } else if (step.type === "wait") {
      ui.count.textContent = "";
    } else if (lastCue && lastCue.span && lastCue.id !== "count") {
      ui.count.textContent = String(Math.max(1, Math.ceil((lastCue.at + lastCue.span - at) / 1000)));
    } else {
      ui.count.textContent = String(Math.max(0, Math.ceil((step.duration - at) / 1000)));
    }
    if (step.type !== "segment" && step.duration) ui.bar.style.width = `${(at / step.duration) * 100}%`;
  }

  const runner = createRunner(steps, { onStep: (step) => { onStep(step); figure.step(step); }, onCue, onTick, onEnd: (completed) => finish(completed) });
  const figure = createFigurePlayer($("[data-ui=figure]", root), session, runner);

  function setPaused(paused) {
    ui.pause.textContent = texts[paused ? "player.resume" : "player.pause"];
    ui.pause.setAttribute("aria-pressed", String(paused));
    root.dataset.paused = String(paused);
    if (paused) { audio.stop(); announce(texts["player.paused"]); }
  }

  let finished = false;
  function finish(completed) {
    if (finished) return;
    finished = true;
    if (!runner.ended) runner.end();
    wake.off();
    ui.stage.hidden = true;
    ui.form.hidden = false;
    ui.form.dataset.completed = String(completed);
    $("[data-action=reopen]", ui.form).hidden = completed;
    fillLog();
    $("h1", ui.form).focus();
  }

  function start() {
    audio.unlock();
    t0 = performance.now();
    ui.intro.hidden = true;
    ui.stage.hidden = false;
    window.scrollTo(0, 0);
    wake.on();
    runner.start(resumeFrom);
    ui.pause.focus({ preventScroll: true });
  }

  // The log --------------------------------------------------------------------------
  const form = $("form", ui.form);

  function fillLog() {
    const current = runner.index;
    if (session.kind === "run") {
      form.elements.run_minutes.value = runMinutes(steps, current, runner.elapsed());
    } else {
      form.elements.sets_done.value = setsDone(steps);
      $("[data-ui=sets_planned]", ui.form).textContent = format(texts, "log.of_planned", { planned: setsPlanned(steps) });
    }
    // No pain is pre-filled: each scale needs the runner's own tap (or "No pain").
    for (const input of form.querySelectorAll("input[name^=pain_]")) input.checked = false;
    for (const out of form.querySelectorAll("[data-ui^=band_]")) out.textContent = "";
  }

  function missingPain() {
    const fields = Array.from(form.querySelectorAll("fieldset[data-pain]"));
    const missing = fields.filter((f) => !f.querySelector("input:checked"));
    for (const f of fields) {
      if (missing.includes(f)) f.setAttribute("aria-invalid", "true");
      else f.removeAttribute("aria-invalid");
    }
    return missing;
  }

  function describePain(name) {
    const checked = form.querySelector(`input[name=pain_${name}]:checked`);
    const out = $(`[data-ui=band_${name}]`, form);
    if (!checked || !out) return;
    const value = Number(checked.value);
    const band = value <= session.pain.limit ? "ok" : value <= session.pain.high ? "caution" : "over";
    out.dataset.band = band;
    const painful = $("[data-ui=painful]", form);
    if (painful && name === "during") painful.hidden = band === "ok";
    out.textContent = format(texts, `log.band_${band}`, { value, limit: session.pain.limit });
  }

  function entryFromForm() {
    const get = (name) => form.elements[name]?.value;
    const pain = (name) => {
      const checked = form.querySelector(`input[name=pain_${name}]:checked`);
      return checked ? Number(checked.value) : null;
    };
    const entry = {
      date: session.date,
      kind: session.kind,
      completed: ui.form.dataset.completed === "true",
      pain: { during: pain("during"), after: pain("after") },
      swelling: form.querySelector("input[name=swelling]:checked")?.value === "yes",
      note: (get("note") || "").trim(),
      idempotency_key: form.dataset.key,
    };
    if (session.kind === "run") {
      const minutes = Number(get("run_minutes"));
      if (minutes > 0) entry.run_minutes = minutes;
      entry.run_week = session.run_week;
      entry.run_day = session.run_day;
    } else {
      entry.sets_done = Number(get("sets_done"));
      const painful = $("[data-ui=painful]", form);
      if (painful && !painful.hidden) {
        entry.painful_exercises = Array.from(painful.querySelectorAll("input:checked"), (i) => i.value);
      }
    }
    return entry;
  }

  function stepper(event) {
    const button = event.target.closest("button[data-delta]");
    if (!button) return;
    const input = form.elements[button.dataset.target];
    const delta = Number(button.dataset.delta);
    const next = Math.max(0, Math.min(Number(input.max || 600), Number(input.value || 0) + delta));
    input.value = String(next);
  }

  async function save(event) {
    event.preventDefault();
    const status = $("[data-ui=status]", ui.form);
    const missing = missingPain();
    if (missing.length) {
      status.dataset.state = "error";
      status.textContent = missing.map((f) => f.dataset.missing).join(" ");
      $("input", missing[0]).focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    if (!form.dataset.key) form.dataset.key = newKey();
    const result = await sendEntry(session.log_url, entryFromForm());
    button.disabled = false;
    if (result.errors) {
      status.dataset.state = "error";
      status.textContent = result.errors.map((e) => format(texts, "log.error", { field: e.field, message: e.message })).join(" ");
      return;
    }
    status.dataset.state = result.queued ? "queued" : "saved";
    status.textContent = texts[result.queued ? "log.queued" : "log.saved"];
    form.hidden = true;
    $(".lead", ui.form).hidden = true;
    const after = $("[data-ui=after]", ui.form);
    after.hidden = false;
    $("a", after).focus();
    window.StridebackPlayer.saved = result;
  }

  form.addEventListener("submit", save);
  form.addEventListener("click", stepper);
  form.addEventListener("change", (event) => {
    const match = /^pain_(during|after)$/.exec(event.target.name || "");
    if (match) {
      describePain(match[1]);
      event.target.closest("fieldset").removeAttribute("aria-invalid");
    }
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action=no-pain]");
    if (!button) return;
    const zero = form.querySelector(`input[name=pain_${button.dataset.target}][value="0"]`);
    zero.checked = true;
    zero.dispatchEvent(new Event("change", { bubbles: true }));
  });
  $("[data-action=reopen]", ui.form).addEventListener("click", () => {
    finished = false;
    runner.reopen();
    ui.form.hidden = true;
    ui.stage.hidden = false;
    wake.on();
    setPaused(true);
    ui.pause.focus();
  });

  // Controls ---------------------------------------------------------------------------
  $("[data-action=start]", root).addEventListener("click", start);
  ui.pause.addEventListener("click", () => {
    if (runner.paused) { runner.resume(); setPaused(false); figure.kick(); } else { runner.pause(); setPaused(true); }
  });
  ui.skip.addEventListener("click", () => { setPaused(false); runner.skip(); });
  ui.next.addEventListener("click", () => { setPaused(false); runner.skipItem(); });
  ui.done.addEventListener("click", () => { setPaused(false); runner.done(); });
  ui.more?.addEventListener("click", () => { runner.extend(10000); });
  ui.end.addEventListener("click", () => { audio.stop(); finish(false); });
  const sound = $("[data-action=sound]", root);
  sound?.addEventListener("click", () => {
    audio.muted = !audio.muted;
    sound.setAttribute("aria-pressed", String(!audio.muted));
    sound.textContent = texts[audio.muted ? "player.sound_off" : "player.sound_on"];
  });
  document.addEventListener("keydown", (event) => {
    // Space pauses and resumes when no control has focus (a focused button handles it itself).
    if (event.key === " " && event.target === document.body && !ui.stage.hidden) {
      event.preventDefault();
      ui.pause.click();
    }
  });

  // Offline: say so (the session works, the log will wait), and how many logs are waiting.
  const offlineNote = $("[data-ui=offline]", root);
  function showNetwork() {
    const waiting = pending().length;
    const parts = [];
    if (navigator.onLine === false) parts.push(texts["offline.banner"]);
    if (waiting) parts.push(format(texts, "offline.waiting", { count: waiting }));
    offlineNote.textContent = parts.join(" ");
    offlineNote.hidden = parts.length === 0;
  }
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  document.addEventListener("strideback:outbox", showNetwork);
  showNetwork();

  window.StridebackPlayer = { log, steps, runner, session, texts, audio, wake, figure: figure.stats, timeline: () => timeline(session, texts) };
  root.dataset.ready = "true";
}

const root = document.querySelector("[data-player]");
if (root) mount(root);
