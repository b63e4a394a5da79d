// The status page: polls api/status (relative, so the page works under any prefix) and redraws; no framework, no CDN.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const text = (id, value) => { $(id).textContent = value; };
  const bytes = (n) => {
    const units = ["B", "kB", "MB", "GB", "TB"];
    let i = 0;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  };
  const seconds = (s) => {
    if (s === null || s === undefined) return "–";
    if (s < 1) return Math.round(s * 1000) + " ms";
    if (s < 120) return s.toFixed(1) + " s";
    if (s < 7200) return Math.round(s / 60) + " min";
    return (s / 3600).toFixed(1) + " h";
  };
  const cell = (row, value, cls) => {
    const td = document.createElement("td");
    if (cls) td.className = cls;
    if (value instanceof Node) td.appendChild(value); else td.textContent = value;
    row.appendChild(td);
    return td;
  };

  function jobs(list) {
    const box = document.createElement("div");
    for (const j of list) {
      const line = document.createElement("div");
      line.className = "job";
      const bar = document.createElement("div");
      bar.className = "bar";
      const fill = document.createElement("div");
      const pct = j.bytesTotal > 0 ? Math.min(100, 100 * j.bytesDone / j.bytesTotal) : 0;
      fill.style.width = pct.toFixed(0) + "%";
      bar.appendChild(fill);
      const name = document.createElement("span");
      name.textContent = j.input + " (" + (j.bytesTotal > 0 ? pct.toFixed(0) + "% of " + bytes(j.bytesTotal) : "starting") + ", " + seconds(j.elapsedSeconds) + ")";
      line.append(bar, name);
      box.appendChild(line);
    }
    return box;
  }

  function chart(rates) {
    const h = rates.history;
    const per = rates.bucketSeconds;
    const jobsRate = h.map((p) => p.jobs / per);
    const mbRate = h.map((p) => p.bytes / 1e6 / per);
    // Each series on its own scale (its peak at the top); jobs as an area, so the two stay apart where they coincide.
    const draw = (id, values, area) => {
      const peak = Math.max(...values, 1e-9);
      const n = Math.max(values.length - 1, 1);
      const points = values.map((v, i) => (i * 600 / n).toFixed(1) + "," + (115 - 110 * v / peak).toFixed(1));
      $(id).setAttribute("points", (area ? ["0,118", ...points, "600,118"] : points).join(" "));
      return values.length ? Math.max(...values) : 0;
    };
    text("jobs-peak", draw("chart-jobs", jobsRate, true).toFixed(1));
    text("mb-peak", draw("chart-bytes", mbRate, false).toFixed(2));
    text("history-minutes", Math.round(h.length * per / 60));
  }

  function render(s) {
    const q = s.queue;
    text("queue-name", q.name);
    const broker = $("broker");
    broker.textContent = q.brokerReachable ? "broker connected" : "broker unreachable";
    broker.className = "badge " + (q.brokerReachable ? "up" : "down");
    $("problem").hidden = !q.problem;
    text("problem", q.problem || "");
    text("depth", q.depth ?? "–");
    text("oldest", q.depth === 0 ? "none waiting" : seconds(q.oldestJobSeconds));
    text("consumers", q.consumers ?? "–");
    text("alive", s.totals.workersAlive);
    text("lost", s.totals.workersLost);
    text("converted", s.totals.converted);
    text("written", bytes(s.totals.bytesWritten));
    text("failed", s.totals.failed);
    text("dead-lettered", s.totals.deadLettered);
    text("p50", seconds(s.rates.p50Seconds));
    text("p95", seconds(s.rates.p95Seconds));
    text("jobs-rate", s.rates.jobsPerSecond.toFixed(2));
    text("mb-rate", s.rates.megabytesPerSecond.toFixed(2));
    chart(s.rates);

    const body = $("workers").tBodies[0];
    body.replaceChildren(...s.workers.map((w) => {
      const st = w.status;
      const row = document.createElement("tr");
      row.dataset.workerId = st.id;
      row.dataset.kind = st.kind;
      row.dataset.state = w.state;
      cell(row, st.id + " (" + st.host + ")");
      cell(row, w.state + (w.state === "alive" ? "" : ", last beat " + seconds(w.secondsSinceBeat) + " ago"), "state");
      cell(row, st.kind);
      cell(row, st.version);
      cell(row, seconds((Date.parse(st.at) - Date.parse(st.started)) / 1000));
      cell(row, st.converted, "num");
      cell(row, st.failed, "num");
      cell(row, w.state === "alive" ? jobs(st.jobs) : "");
      cell(row, st.lastError || "", "reason");
      return row;
    }));

    const dead = $("dead").tBodies[0];
    dead.replaceChildren(...s.deadLetters.map((d) => {
      const row = document.createElement("tr");
      row.dataset.jobId = d.id;
      cell(row, d.id);
      cell(row, d.input || "");
      cell(row, d.reason, "reason");
      cell(row, d.worker || "");
      cell(row, new Date(d.at).toLocaleTimeString());
      return row;
    }));
    text("updated", "updated " + new Date(s.at).toLocaleTimeString());
  }

  async function poll() {
    try {
      const response = await fetch("api/status", { cache: "no-store" });
      if (!response.ok) throw new Error("api/status answered " + response.status);
      render(await response.json());
    } catch (e) {
      const broker = $("broker");
      broker.textContent = "status app unreachable";
      broker.className = "badge down";
    } finally {
      setTimeout(poll, 1000);
    }
  }
  poll();
})();
