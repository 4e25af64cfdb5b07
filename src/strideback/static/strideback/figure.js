// The exercise figure in the player: it draws what the server computed, never a body.
//
// The server (strideback.core.figures.animation) sends, per exercise, the phases of one
// repetition as the pacer counts them ([start, end, poseA, poseB, move] in seconds), each key
// pose as a frame and each movement between two poses as frames at evenly spaced moments. A
// frame is [layout, [x, y, x, y, ...]]: the points of every body shape, in the order of
// layouts[layout] ([class, stroke width, number of points] per shape).
//
// Here we only pick the two frames either side of a moment and blend their points (the
// frames are dense enough that a straight blend keeps limbs their length), then rewrite
// each path's "d": no layout work, no second geometry.

const NS = "http://www.w3.org/2000/svg";

function framesOf(side, name) {
  const move = side.moves[name];
  if (typeof move !== "string") return { frames: move, backwards: false };
  return { frames: side.moves[move.slice(1)], backwards: true }; // "~a>b": a>b played backwards
}

function blend(frames, backwards, u) {
  const n = frames.length - 1;
  const f = Math.min(Math.max(u, 0), 1) * n;
  let i = Math.floor(f);
  let w = f - i;
  if (i >= n) { i = n; w = 0; }
  const at = (k) => frames[backwards ? n - k : k];
  const a = at(i);
  if (w === 0) return a;
  const b = at(i + 1);
  if (b[0] !== a[0]) return w < 0.5 ? a : b; // the drawing order changed: no blending across
  return [a[0], a[1].map((x, k) => x + (b[1][k] - x) * w)];
}

// The frame ``seconds`` into the exercise's repetitions (wrapping after each one).
export function frameAt(anim, side, seconds) {
  const period = anim.period;
  let r = period > 0 ? seconds % period : 0;
  if (r < 0) r += period;
  const phase = anim.phases.find((p) => r < p[1]) ?? anim.phases[anim.phases.length - 1];
  const [start, , a, b, move] = phase;
  if (a === b) return side.poses[a];
  const u = move > 0 ? (r - start) / move : 1;
  const { frames, backwards } = framesOf(side, `${a}>${b}`);
  return blend(frames, backwards, u);
}

// The poses a still shows: start and end of the movement (the held pose once).
export function stillPoses(anim) {
  if (anim.motion === "hold") return [anim.hold];
  const moving = anim.phases.filter((p) => p[2] !== p[3]);
  if (!moving.length) return [anim.phases[0][2]];
  return [moving[0][2], moving[0][3]];
}

export function sideOf(anim, second) {
  return second && anim.second ? anim.second : anim;
}

function pathData(coords, from, count) {
  let d = "";
  for (let k = 0; k < count; k += 1) {
    const x = coords[from + 2 * k];
    const y = coords[from + 2 * k + 1];
    d += `${k ? "L" : "M"}${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10}`;
  }
  return d;
}

function el(name, attrs = {}) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

// One figure view: an <svg role="img"> with a short label; its parts hidden from screen readers.
export function createFigure(host) {
  const svg = el("svg", { role: "img", class: "fg player-figure", focusable: "false" });
  const title = el("title");
  svg.append(title);
  host.replaceChildren(svg);
  let groups = []; // one { body, layout, paths } per pose shown side by side
  let shown = null; // what is drawn: the animation and side, and how many panels

  function build(side, panels, gap) {
    const [x0, y0, x1, y1] = side.box;
    const w = x1 - x0;
    const width = panels * w + (panels - 1) * gap;
    svg.setAttribute("viewBox", `${x0} ${y0} ${width} ${y1 - y0}`);
    svg.replaceChildren(title);
    groups = [];
    for (let i = 0; i < panels; i += 1) {
      const g = el("g", { "aria-hidden": "true" });
      if (i) g.setAttribute("transform", `translate(${i * (w + gap)} 0)`);
      for (const [cls, width, d] of side.room) g.append(el("path", { class: cls, "stroke-width": width, d }));
      const body = el("g");
      g.append(body);
      svg.append(g);
      groups.push({ body, layout: -1, paths: [] });
    }
  }

  function draw(side, group, frame) {
    const [layout, coords] = frame;
    if (group.layout !== layout) {
      group.paths = side.layouts[layout].map(([cls, width]) => el("path", { class: cls, "stroke-width": width }));
      group.body.replaceChildren(...group.paths);
      group.layout = layout;
    }
    let at = 0;
    side.layouts[layout].forEach(([, , count], i) => {
      group.paths[i].setAttribute("d", pathData(coords, at, count));
      at += 2 * count;
    });
  }

  function prepare(anim, second, panels) {
    const side = sideOf(anim, second);
    const key = `${panels}`;
    if (!shown || shown.side !== side || shown.key !== key) {
      build(side, panels, Math.round((side.box[2] - side.box[0]) * 0.12));
      shown = { side, key };
    }
    return side;
  }

  return {
    svg,
    label(text) {
      title.textContent = text;
      svg.setAttribute("aria-label", text);
    },
    // The figure ``seconds`` into its repetitions.
    at(anim, second, seconds) {
      const side = prepare(anim, second, 1);
      draw(side, groups[0], frameAt(anim, side, seconds));
    },
    // One key pose, still (ready, rest, switch).
    pose(anim, second, name) {
      const side = prepare(anim, second, 1);
      draw(side, groups[0], side.poses[name]);
    },
    // Reduced motion: the start and end poses side by side, nothing moves.
    stills(anim, second) {
      const names = stillPoses(anim);
      const side = prepare(anim, second, names.length);
      names.forEach((name, i) => draw(side, groups[i], side.poses[name]));
    },
  };
}
