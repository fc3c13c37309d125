// The dashboard: streams, their recent runs and the units of the selected run, from the loader's JSON API.
// Text from the DCF tables (file names, messages) is only ever set as textContent, never as HTML.
"use strict";

const REFRESH_MS = 10000;
const SVG = "http://www.w3.org/2000/svg";
const BANDS = ["HIGH", "MEDIUM", "LOW"];
const REJECTS_PAGE = 50;
// the rejects list of a unit is opened by clicking its row, or by the address #rejects=<process id>
const state = { stream: null, run: null, rejects: rejectsFromHash(), rejectsOffset: 0 };

function rejectsFromHash() {
  const m = /rejects=(\d+)/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) {
    throw new Error(path + ": HTTP " + response.status);
  }
  return response.json();
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) {
    e.textContent = String(text);
  }
  if (className) {
    e.className = className;
  }
  return e;
}

function status(value) {
  return el("span", value || "–", "status " + (value || ""));
}

function cell(row, value, className) {
  const td = el("td", value === null || value === undefined ? "" : value, className);
  row.appendChild(td);
  return td;
}

function number(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US");
}

function time(ts) {
  return ts ? ts.replace("T", " ").replace(/\.\d+$/, "") : "";
}

function seconds(start, end) {
  if (!start || !end) {
    return "";
  }
  return ((Date.parse(end + "Z") - Date.parse(start + "Z")) / 1000).toFixed(1);
}

function renderStreams(streams) {
  const box = document.getElementById("streams");
  box.replaceChildren();
  for (const s of streams) {
    const card = el("div", null, "card" + (s.code === state.stream ? " selected" : ""));
    card.dataset.stream = s.code;
    const title = el("h3", s.name);
    if (s.late && s.late.length > 0) {
      // a business date whose expected files were not there by their due time (LATE_FEED), until they have loaded
      const badge = el("span", "late", "badge late");
      badge.title = s.late.map(l => l.businessDate + ": " + l.missingUnits + " missing since " + l.dueUtc + " UTC").join("\n");
      title.appendChild(document.createTextNode(" "));
      title.appendChild(badge);
    }
    card.appendChild(title);
    const dl = el("dl");
    const add = (term, value) => {
      dl.appendChild(el("dt", term));
      const dd = el("dd");
      if (value instanceof Node) {
        dd.appendChild(value);
      } else {
        dd.textContent = value === null || value === undefined ? "–" : String(value);
      }
      dl.appendChild(dd);
    };
    add("Status", status(s.status));
    add("Target", s.targetTable);
    add("Lease", s.lease);
    add("Loading", s.live.currentUnit ? s.live.currentUnit + " (run " + s.live.runId + ")" : "nothing");
    add("Rows done", number(s.live.rowsDone));
    add("Rows/s", number(Math.round(s.live.rowsPerSecond)));
    if (s.live.currentUnit && s.live.databaseWaitSeconds > 0) {
      add("Waiting for the database", number(s.live.databaseWaitSeconds) + " s");
    }
    add("Last run", s.lastRun ? s.lastRun.id + " " + s.lastRun.businessDate + " " + s.lastRun.status : "none");
    if (s.late && s.late.length > 0) {
      add("Late", s.late.map(l => l.businessDate + " (" + l.missingUnits + ")").join(", "));
    }
    card.appendChild(dl);
    card.addEventListener("click", () => { state.stream = s.code; state.run = null; refresh(); });
    box.appendChild(card);
  }
}

function renderRuns(runs) {
  document.getElementById("runs-stream").textContent = state.stream ? "of " + state.stream : "";
  const body = document.querySelector("#runs tbody");
  body.replaceChildren();
  for (const r of runs) {
    const row = el("tr", null, r.id === state.run ? "selected" : "");
    row.dataset.runId = r.id;
    row.dataset.status = r.status;
    cell(row, r.id, "num");
    cell(row, r.businessDate);
    cell(row, r.trigger);
    cell(row, "").appendChild(status(r.status));
    cell(row, time(r.start));
    cell(row, time(r.end));
    cell(row, (r.filesLoaded ?? "") + " / " + (r.filesFound ?? ""), "num");
    cell(row, r.error || "");
    row.addEventListener("click", () => { state.run = r.id; refresh(); });
    body.appendChild(row);
  }
  if (runs.length === 0) {
    const row = el("tr");
    const td = cell(row, "no run yet", "muted");
    td.colSpan = 8;
    body.appendChild(row);
  }
}

function renderUnits(units) {
  document.getElementById("units-run").textContent = state.run === null ? "–" : state.run;
  const body = document.querySelector("#units tbody");
  body.replaceChildren();
  for (const u of units) {
    const f = u.figures;
    const row = el("tr");
    row.dataset.processId = u.id;
    row.dataset.status = u.status;
    cell(row, u.id, "num");
    cell(row, u.fileName);
    cell(row, "").appendChild(status(u.status));
    cell(row, number(f.inputRows), "num input");
    cell(row, number(f.rowsWritten), "num written");
    cell(row, number(f.rejectedRows), "num rejected");
    cell(row, number(f.duplicateRows), "num duplicates");
    cell(row, f.averageScore.toFixed(2), "num");
    cell(row, f.minScore, "num");
    cell(row, seconds(u.start, u.end), "num");
    cell(row, u.error || "");
    if (u.id === state.rejects) {
      row.classList.add("selected");
    }
    row.title = "show the rejects of process " + u.id;
    row.addEventListener("click", () => openRejects(u.id));
    body.appendChild(row);
  }
  renderQuality(units);
}

function openRejects(processId) {
  state.rejects = processId;
  state.rejectsOffset = 0;
  history.replaceState(null, "", "#rejects=" + processId);
  refresh();
}

// The rejects of one unit, a page at a time, with the counts by reason (GET /api/units/{id}/rejects).
function renderRejects(page) {
  const section = document.getElementById("rejects-section");
  if (page === null) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  document.getElementById("rejects-process").textContent = page.processId;
  document.getElementById("rejects-file").textContent = page.unit + " · " + page.fileName;
  const counts = Object.entries(page.byReason).map(([reason, n]) => reason + " " + number(n));
  const p = document.getElementById("rejects-counts");
  p.textContent = counts.length === 0 ? "no reject" : number(page.total) + " rejects: " + counts.join(", ");
  p.dataset.total = page.total;
  const body = document.querySelector("#rejects tbody");
  body.replaceChildren();
  for (const r of page.rejects) {
    const row = el("tr");
    row.dataset.line = r.line;
    row.dataset.reason = r.reason;
    cell(row, r.line, "num");
    cell(row, r.reason);
    cell(row, r.column || "");
    cell(row, r.value || "");
    body.appendChild(row);
  }
  const last = Math.min(page.offset + page.rejects.length, page.total);
  document.getElementById("rejects-page").textContent =
      page.total === 0 ? "" : (page.offset + 1) + "–" + last + " of " + number(page.total);
  document.getElementById("rejects-prev").disabled = page.offset === 0;
  document.getElementById("rejects-next").disabled = last >= page.total;
}

document.getElementById("rejects-prev").addEventListener("click", () => {
  state.rejectsOffset = Math.max(0, state.rejectsOffset - REJECTS_PAGE);
  refresh();
});
document.getElementById("rejects-next").addEventListener("click", () => {
  state.rejectsOffset += REJECTS_PAGE;
  refresh();
});
document.getElementById("rejects-close").addEventListener("click", () => {
  state.rejects = null;
  history.replaceState(null, "", location.pathname);
  refresh();
});

// One horizontal bar per unit, split by quality band, drawn as inline SVG.
function renderQuality(units) {
  const box = document.getElementById("quality");
  box.replaceChildren();
  if (units.length === 0) {
    box.appendChild(el("p", "no unit", "muted"));
    return;
  }
  const width = 760, label = 230, barHeight = 18, gap = 8, top = 24;
  const svg = document.createElementNS(SVG, "svg");
  svg.id = "quality-chart";
  svg.setAttribute("width", width);
  svg.setAttribute("height", top + units.length * (barHeight + gap) + 4);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "records per quality band and unit");
  BANDS.forEach((band, i) => {
    const key = document.createElementNS(SVG, "rect");
    key.setAttribute("x", label + i * 110);
    key.setAttribute("y", 4);
    key.setAttribute("width", 12);
    key.setAttribute("height", 12);
    key.setAttribute("class", "band-" + band);
    svg.appendChild(key);
    svg.appendChild(text(label + i * 110 + 16, 14, band));
  });
  units.forEach((u, row) => {
    const f = u.figures;
    const counts = { HIGH: f.highRows, MEDIUM: f.mediumRows, LOW: f.lowRows };
    const total = counts.HIGH + counts.MEDIUM + counts.LOW;
    const y = top + row * (barHeight + gap);
    svg.appendChild(text(0, y + barHeight - 4, u.unit + " (" + u.id + ")"));
    let x = label;
    for (const band of BANDS) {
      const w = total > 0 ? (width - label - 10) * counts[band] / total : 0;
      const bar = document.createElementNS(SVG, "rect");
      bar.setAttribute("x", x);
      bar.setAttribute("y", y);
      bar.setAttribute("width", w);
      bar.setAttribute("height", barHeight);
      bar.setAttribute("class", "band-" + band);
      bar.dataset.unit = u.unit;
      bar.dataset.band = band;
      bar.dataset.rows = counts[band];
      const title = document.createElementNS(SVG, "title");
      title.textContent = u.unit + " " + band + ": " + number(counts[band]) + " records";
      bar.appendChild(title);
      svg.appendChild(bar);
      x += w;
    }
  });
  box.appendChild(svg);
}

function text(x, y, value) {
  const t = document.createElementNS(SVG, "text");
  t.setAttribute("x", x);
  t.setAttribute("y", y);
  t.setAttribute("font-size", "12");
  t.textContent = value;
  return t;
}

async function refresh() {
  try {
    const streams = await getJson("/api/streams");
    if (!state.stream && streams.length > 0) {
      state.stream = streams[0].code;
    }
    renderStreams(streams);
    const runs = state.stream ? await getJson("/api/streams/" + encodeURIComponent(state.stream) + "/runs?limit=20") : [];
    if (state.run === null && runs.length > 0) {
      state.run = runs[0].id;
    }
    renderRuns(runs);
    renderUnits(state.run === null ? [] : await getJson("/api/runs/" + state.run + "/units"));
    renderRejects(state.rejects === null ? null
        : await getJson("/api/units/" + state.rejects + "/rejects?limit=" + REJECTS_PAGE + "&offset=" + state.rejectsOffset));
    const updated = document.getElementById("updated");
    updated.className = "muted";
    updated.textContent = "updated " + new Date().toISOString().replace("T", " ").replace(/\..*/, "") + " UTC";
  } catch (e) {
    const updated = document.getElementById("updated");
    updated.className = "error";
    updated.textContent = "cannot read the API: " + e.message;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
