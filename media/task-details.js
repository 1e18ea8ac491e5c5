// Renders the Flyte Cache task detail panel from the extension's `details` message:
// summary figures, a hit/miss timeline (hand-written SVG) and the entries table.
// Runs in the webview under a strict CSP: no remote resources, no inline handlers, no innerHTML.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const STATUS_ROWS = ['hit', 'populated', 'miss'];
  const STATUS_CLASS = { hit: 'hit', miss: 'miss', populated: 'populated', overwrite: 'populated' };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    for (const child of children || []) node.append(child);
    return node;
  }

  function svg(tag, attrs, children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    for (const child of children || []) node.append(child);
    return node;
  }

  function time(seconds) {
    return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  }

  function duration(ms) {
    if (ms < 1000) return Math.round(ms) + ' ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(1) + ' s';
    const total = Math.round(s);
    if (total < 3600) return Math.floor(total / 60) + ' min ' + (total % 60) + ' s';
    return Math.floor(total / 3600) + ' h ' + Math.floor((total % 3600) / 60) + ' min';
  }

  function bytes(n) {
    if (n < 1024) return n + ' B';
    const units = ['KiB', 'MiB', 'GiB'];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return value.toFixed(value < 10 ? 1 : 0) + ' ' + units[unit];
  }

  function figure(label, value, id) {
    return el('div', { class: 'figure', id: id }, [el('div', { class: 'value' }, [value]), el('div', { class: 'label' }, [label])]);
  }

  function summary(d) {
    const rate = d.hitRate === null ? '–' : Math.round(d.hitRate * 100) + '%';
    return el('section', { class: 'figures' }, [
      figure('hit rate', rate, 'hit-rate'),
      figure('hits', String(d.hits), 'hits'),
      figure('misses', String(d.misses), 'misses'),
      figure('time saved', duration(d.timeSavedMs), 'time-saved'),
      figure('entries', String(d.entries), 'entries'),
    ]);
  }

  /** Events on a time axis, one lane per status, plus the running hit rate as a line. */
  function timeline(events) {
    const width = 720, height = 200, left = 80, right = 16, top = 12, lane = 40;
    const plotted = events.filter((e) => STATUS_ROWS.includes(STATUS_CLASS[e.status] || ''));
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart', role: 'img', 'aria-label': 'Cache hits and misses over time' });
    if (plotted.length === 0) {
      chart.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' }, ['No cache lookups recorded for this task.']));
      return chart;
    }
    const t0 = plotted[0].time, t1 = plotted[plotted.length - 1].time;
    const span = Math.max(t1 - t0, 1);
    const x = (t) => left + ((t - t0) / span) * (width - left - right);
    STATUS_ROWS.forEach((status, i) => {
      const y = top + i * lane + lane / 2;
      chart.append(svg('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'lane' }));
      chart.append(svg('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'axis' }, [status]));
    });
    let hits = 0, lookups = 0;
    const points = [];
    const rateTop = top + STATUS_ROWS.length * lane + 8, rateHeight = height - rateTop - 24;
    for (const e of plotted) {
      const cls = STATUS_CLASS[e.status];
      const y = top + STATUS_ROWS.indexOf(cls) * lane + lane / 2;
      const dot = svg('circle', { cx: x(e.time).toFixed(1), cy: y, r: 5, class: 'dot ' + cls });
      dot.append(svg('title', {}, [e.status + ' · ' + time(e.time) + ' · version ' + (e.version || '?') + (e.durationMs === null ? '' : ' · ' + duration(e.durationMs))]));
      chart.append(dot);
      if (e.status === 'hit' || e.status === 'miss') {
        lookups++;
        if (e.status === 'hit') hits++;
        points.push(x(e.time).toFixed(1) + ',' + (rateTop + rateHeight * (1 - hits / lookups)).toFixed(1));
      }
    }
    chart.append(svg('text', { x: left - 8, y: rateTop + rateHeight / 2 + 4, 'text-anchor': 'end', class: 'axis' }, ['hit rate']));
    chart.append(svg('rect', { x: left, y: rateTop, width: width - left - right, height: rateHeight, class: 'rate-box' }));
    if (points.length > 0) chart.append(svg('polyline', { points: points.join(' '), class: 'rate' }));
    chart.append(svg('text', { x: left, y: height - 4, class: 'axis' }, [time(t0)]));
    chart.append(svg('text', { x: width - right, y: height - 4, 'text-anchor': 'end', class: 'axis' }, [time(t1)]));
    return chart;
  }

  function versions(d) {
    const items = d.versions.map((v) => {
      const mark = v.state === 'current' ? ' (current in code)' : v.state === 'orphaned' ? ' (orphaned)' : '';
      return el('li', { class: v.state || '' }, [v.version + ' — ' + v.entries + (v.entries === 1 ? ' entry' : ' entries') + mark]);
    });
    return el('ul', { class: 'versions' }, items);
  }

  function entries(d) {
    const head = el('tr', {}, ['stored', 'version', 'inputs', 'size', 'outputs'].map((h) => el('th', {}, [h])));
    const rows = d.entryRows.map((e) => {
      const outputs = e.legacy ? 'legacy entry (pickled), not decoded'
        : e.outputs === null ? 'not decodable'
          : e.outputs.length === 0 ? '(no outputs)'
            : e.outputs.map((o) => o.name + ' = ' + o.value).join('\n');
      return el('tr', {}, [
        el('td', {}, [time(e.storedAt)]),
        el('td', {}, [e.version]),
        el('td', { class: 'mono', title: e.hash }, [e.hash.slice(0, 12)]),
        el('td', {}, [bytes(e.size)]),
        el('td', { class: 'mono outputs' }, [outputs]),
      ]);
    });
    const note = d.entryTotal > d.entryRows.length ? [el('p', { class: 'muted' }, ['Showing the newest ' + d.entryRows.length + ' of ' + d.entryTotal + ' entries.'])] : [];
    return el('section', {}, [el('table', { class: 'entries' }, [el('thead', {}, [head]), el('tbody', {}, rows)]), ...note]);
  }

  function render(message) {
    const status = document.getElementById('status');
    const content = document.getElementById('content');
    const d = message.details;
    if (!d) {
      status.textContent = 'The store holds nothing for ' + message.task + '. Import a cache or history first.';
      content.hidden = true;
      return;
    }
    const where = d.codeVersion !== undefined ? 'Version in code: ' + d.codeVersion : d.location ? 'Defined in the workspace' : 'Not found in the workspace code';
    status.textContent = where;
    content.replaceChildren(
      summary(d),
      el('h2', {}, ['Hits and misses over time']),
      timeline(d.events),
      el('h2', {}, ['Versions']),
      versions(d),
      el('h2', {}, ['Entries']),
      entries(d),
    );
    content.hidden = false;
    vscode.setState({ task: message.task });
    // Tells the extension what was drawn (the e2e test checks it; the webview's DOM is out of its reach).
    vscode.postMessage({ type: 'rendered', dots: content.querySelectorAll('circle.dot').length, rows: content.querySelectorAll('table.entries tbody tr').length });
  }

  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'details') render(event.data);
  });
  vscode.postMessage({ type: 'ready' });
})();
