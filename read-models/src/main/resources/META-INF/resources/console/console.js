// The console's behaviour beyond htmx: keyboard moves on the worklist, charts, and the pages that talk to the
// retention and scoring APIs (rules, models). Plain browser JavaScript: no build step.
(function () {
  'use strict';

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));
  const bandColours = { CRITICAL: '#a4161a', HIGH: '#d9480f', MEDIUM: '#b08800', LOW: '#2b8a3e' };
  const percent = (share) => (share == null ? '—' : Math.round(share * 100) + ' %');
  const text = (value) => (value == null ? '' : String(value));
  const cell = (content) => { const td = document.createElement('td'); td.textContent = text(content); return td; };

  async function api(method, url, body, headers) {
    const response = await fetch(url, {
      method,
      headers: Object.assign({ 'Accept': 'application/json' }, body ? { 'Content-Type': 'application/json' } : {}, headers || {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    const payload = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const problem = payload || {};
      const error = new Error(problem.detail || problem.title || ('HTTP ' + response.status));
      error.problem = problem;
      error.status = response.status;
      throw error;
    }
    return payload;
  }

  function chart(element) {
    if (!element || !window.echarts) { return null; }
    const instance = echarts.init(element);
    window.addEventListener('resize', () => instance.resize());
    return instance;
  }

  // Worklist: j / k move between customers, Enter opens (the focused link), / jumps to the filters.
  function worklistKeys() {
    if (!$('#worklist-rows')) { return; }
    document.addEventListener('keydown', (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === '/' && !typing) { event.preventDefault(); $('#filter-country').focus(); return; }
      if (typing || (event.key !== 'j' && event.key !== 'k')) { return; }
      const links = $$('#worklist-rows a.customer-link');
      if (!links.length) { return; }
      const at = links.indexOf(document.activeElement);
      const next = event.key === 'j' ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1);
      links[next].focus();
    });
  }

  function riskChart() {
    const element = $('#risk-chart');
    if (!element) { return; }
    const points = JSON.parse(element.dataset.points || '[]');
    if (!points.length) { element.hidden = true; return; }
    const instance = chart(element);
    if (!instance) { return; }
    instance.setOption({
      animation: false,
      grid: { left: 44, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', formatter: (items) => {
        const p = points[items[0].dataIndex];
        return p.featuresAsOf.substring(0, 10) + '<br>' + percent(p.score) + ' ' + p.band + '<br>'
          + p.reasons.slice(0, 3).map((r) => r.text).join('<br>');
      } },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + '%' } },
      series: [{ type: 'line', step: 'end', symbolSize: 6, data: points.map((p) => [p.featuresAsOf, p.score]),
        itemStyle: { color: (params) => bandColours[points[params.dataIndex].band] }, lineStyle: { color: '#5b6576' } }],
    });
    element.dataset.rendered = 'true';
  }

  // Offer rules list
  async function rulesList() {
    const body = $('[data-rules-list]');
    if (!body) { return; }
    try {
      const rules = await api('GET', '/api/rules');
      body.innerHTML = '';
      if (!rules.length) {
        body.innerHTML = '<tr><td colspan="8" class="empty">No rule yet. Create one: customers at risk get no offer until a rule applies.</td></tr>';
      }
      for (const rule of rules) {
        const d = rule.definition;
        const row = document.createElement('tr');
        const name = document.createElement('td');
        const link = document.createElement('a');
        link.href = '/console/rules/' + encodeURIComponent(rule.ruleId);
        link.textContent = d.name;
        name.appendChild(link);
        row.append(name, cell(d.priority), cell(d.enabled ? 'enabled' : 'disabled'), cell(d.eligibility),
          cell(d.incentive.replace(/_/g, ' ').toLowerCase()), cell(d.channel.toLowerCase()),
          cell(d.budgetTotal + ' ' + d.currency), cell('v' + rule.version + ' by ' + (rule.changedBy || '—')));
        row.children[3].className = 'meta';
        body.appendChild(row);
      }
    } catch (error) {
      body.innerHTML = '';
      const row = document.createElement('tr');
      const td = cell('The retention service did not answer: ' + error.message);
      td.colSpan = 8; td.className = 'error';
      row.appendChild(td); body.appendChild(row);
    }
  }

  // Offer rule editor: live validation of the whole rule (CEL included), dry-run reach, save with If-Match.
  function ruleEditor() {
    const form = $('#rule-form');
    if (!form) { return; }
    const ruleId = form.dataset.ruleId;
    let version = null;
    let timer = null;
    let checks = 0; // answers to an older check are dropped: the form may have changed meanwhile
    const numbers = ['priority', 'percentOff', 'amount', 'points', 'validityDays', 'costPerRedemption', 'budgetTotal',
      'budgetPerDay', 'holdoutShare', 'priorKeptProbability'];
    const field = (name) => $('#f-' + name);

    function definition() {
      const d = {};
      for (const name of ['name', 'eligibility', 'incentive', 'channel', 'message', 'currency']) { d[name] = field(name).value; }
      for (const name of numbers) { const v = field(name).value; d[name] = v === '' ? null : Number(v); }
      d.enabled = field('enabled').checked;
      for (const name of ['activeFrom', 'activeUntil']) {
        const v = field(name).value; d[name] = v ? new Date(v).toISOString() : null;
      }
      if (d.incentive !== 'PERCENT_DISCOUNT') { d.percentOff = null; }
      if (d.incentive !== 'FIXED_COUPON') { d.amount = null; }
      if (d.incentive !== 'LOYALTY_POINTS') { d.points = null; }
      return d;
    }

    function fill(d) {
      for (const [name, value] of Object.entries(d)) {
        const input = field(name);
        if (!input || value == null) { continue; }
        if (input.type === 'checkbox') { input.checked = !!value; }
        else if (input.type === 'datetime-local') { input.value = value.substring(0, 16); }
        else { input.value = value; }
      }
    }

    function showErrors(errors) {
      const list = $('#rule-errors');
      list.innerHTML = '';
      $$('[aria-invalid]', form).forEach((input) => input.removeAttribute('aria-invalid'));
      for (const e of errors || []) {
        const name = (e.pointer || '').replace(/^\//, '').split('/')[0];
        const input = field(name);
        if (input) { input.setAttribute('aria-invalid', 'true'); }
        const item = document.createElement('li');
        item.textContent = (name ? name + ': ' : '') + e.detail;
        list.appendChild(item);
      }
    }

    async function check() {
      const status = $('#eligibility-status');
      const d = definition();
      const current = ++checks;
      try {
        const result = await api('POST', '/api/rules/validate', d);
        if (current !== checks) { return; }
        const celErrors = result.errors.filter((e) => (e.pointer || '').startsWith('/eligibility'));
        status.className = 'status ' + (celErrors.length ? 'bad' : 'ok');
        status.textContent = celErrors.length ? celErrors.map((e) => e.detail).join('; ') : 'Expression is valid.';
        showErrors(result.errors);
        if (result.valid) {
          const dry = await api('POST', '/api/rules/dry-run', d);
          if (current !== checks) { return; }
          const bands = Object.entries(dry.reachByBand || {}).map(([b, n]) => b.toLowerCase() + ' ' + n).join(', ');
          $('#dry-run').className = 'status ok';
          $('#dry-run').textContent = 'Would reach ' + dry.reach + ' customer' + (dry.reach === 1 ? '' : 's') + ' now'
            + (bands ? ' (' + bands + ')' : '') + ': about ' + dry.expectedTreated + ' offers, expected cost '
            + dry.expectedCost + ' ' + dry.currency + (dry.limitedByBudget ? ' (capped by the budget)' : '') + '.';
        } else {
          $('#dry-run').textContent = '';
        }
      } catch (error) {
        if (current !== checks) { return; }
        status.className = 'status bad';
        status.textContent = 'Could not check the rule: ' + error.message;
      }
    }

    form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 350); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const note = field('note').value;
      const query = note ? '?note=' + encodeURIComponent(note) : '';
      const headers = { 'X-Keepwell-User': 'console' };
      const saveStatus = $('#save-status');
      try {
        let saved;
        if (ruleId) {
          headers['If-Match'] = '"' + version + '"';
          saved = await api('PUT', '/api/rules/' + encodeURIComponent(ruleId) + query, definition(), headers);
        } else {
          saved = await api('POST', '/api/rules' + query, definition(), headers);
        }
        version = saved.version;
        showErrors([]);
        saveStatus.className = 'status ok';
        saveStatus.textContent = 'Saved: ' + saved.definition.name + ', version ' + saved.version + '.';
        if (!ruleId) { history.replaceState(null, '', '/console/rules/' + encodeURIComponent(saved.ruleId)); form.dataset.ruleId = saved.ruleId; }
        loadVersions(saved.ruleId);
      } catch (error) {
        showErrors((error.problem && error.problem.errors) || []);
        saveStatus.className = 'status bad';
        saveStatus.textContent = 'Not saved: ' + error.message;
      }
    });

    async function loadVersions(id) {
      const versions = await api('GET', '/api/rules/' + encodeURIComponent(id) + '/versions');
      const list = $('#versions-list');
      list.innerHTML = '';
      for (const v of versions) {
        const item = document.createElement('li');
        item.textContent = 'v' + v.version + ' · ' + v.changedAt.substring(0, 19).replace('T', ' ') + ' · '
          + (v.changedBy || '—') + (v.changeNote ? ' · ' + v.changeNote : '');
        list.appendChild(item);
      }
      $('#versions').hidden = false;
    }

    if (ruleId) {
      api('GET', '/api/rules/' + encodeURIComponent(ruleId)).then((rule) => {
        version = rule.version;
        fill(rule.definition);
        $('#rule-title').textContent = 'Edit rule: ' + rule.definition.name;
        loadVersions(ruleId);
        check();
      }).catch((error) => showErrors([{ pointer: '', detail: error.message }]));
    } else {
      check();
    }
  }

  async function campaignChart() {
    const element = $('#campaign-chart');
    if (!element) { return; }
    const results = JSON.parse(element.dataset.results || '{"rules":[]}');
    let names = {};
    try {
      const rules = await api('GET', '/api/rules');
      names = Object.fromEntries(rules.map((r) => [r.ruleId, r.definition.name]));
      $$('.rule-name').forEach((span) => { if (names[span.dataset.ruleId]) { span.textContent = names[span.dataset.ruleId]; } });
    } catch (error) { /* rule names are a nicety: ids stay */ }
    if (!results.rules.length) { element.hidden = true; return; }
    const instance = chart(element);
    if (!instance) { return; }
    const labels = results.rules.map((r) => names[r.ruleId] || r.ruleId);
    const arm = (key) => results.rules.map((r) => r[key].retentionRate);
    const whiskers = (key, offset) => ({
      type: 'custom', name: key + ' 95 %', silent: true, z: 3,
      data: results.rules.map((r, i) => [i, r[key].rateLow, r[key].rateHigh]).filter((d) => d[1] !== null),
      renderItem: (params, api2) => {
        const low = api2.coord([api2.value(0), api2.value(1)]);
        const high = api2.coord([api2.value(0), api2.value(2)]);
        const x = low[0] + offset * api2.size([1, 0])[0] * 0.18;
        return { type: 'group', children: [
          { type: 'line', shape: { x1: x, y1: low[1], x2: x, y2: high[1] }, style: { stroke: '#1d2430', lineWidth: 1.5 } },
          { type: 'line', shape: { x1: x - 5, y1: low[1], x2: x + 5, y2: low[1] }, style: { stroke: '#1d2430' } },
          { type: 'line', shape: { x1: x - 5, y1: high[1], x2: x + 5, y2: high[1] }, style: { stroke: '#1d2430' } }] };
      },
    });
    instance.setOption({
      animation: false,
      legend: { data: ['treated', 'holdout'] },
      tooltip: { trigger: 'axis', valueFormatter: percent },
      grid: { left: 50, right: 16, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 20 : 0 } },
      yAxis: { type: 'value', min: 0, max: 1, name: 'kept', axisLabel: { formatter: (v) => Math.round(v * 100) + '%' } },
      series: [
        { name: 'treated', type: 'bar', data: arm('treated'), itemStyle: { color: '#1f5fbf' }, barGap: '10%' },
        { name: 'holdout', type: 'bar', data: arm('holdout'), itemStyle: { color: '#9aa5b8' } },
        whiskers('treated', -1), whiskers('holdout', 1),
      ],
    });
    element.dataset.rendered = 'true';
  }

  async function modelsPage() {
    const body = $('[data-models-list]');
    if (!body) { return; }
    const status = $('#model-status');
    async function load() {
      try {
        const models = await api('GET', '/api/models');
        body.innerHTML = '';
        if (!models.length) { body.innerHTML = '<tr><td colspan="8" class="empty">No model published yet.</td></tr>'; }
        for (const m of models) {
          const row = document.createElement('tr');
          row.append(cell(m.version), cell(m.publishedAt.substring(0, 10)), cell(m.rocAuc.toFixed(3)),
            cell(m.prAuc.toFixed(3)), cell(m.logLoss.toFixed(3)), cell(m.brier.toFixed(3)),
            cell((m.serving ? 'serving' : '') + (m.promoted && !m.serving ? 'promoted' : '')));
          const actions = document.createElement('td');
          const card = document.createElement('a');
          card.href = '/api/models/' + encodeURIComponent(m.version) + '/card'; card.textContent = 'model card';
          actions.appendChild(card);
          if (!m.promoted) {
            const promote = document.createElement('button');
            promote.type = 'button'; promote.className = 'secondary'; promote.textContent = 'Promote';
            promote.addEventListener('click', async () => {
              const reason = prompt('Why promote ' + m.version + '?');
              if (reason === null) { return; }
              try {
                await api('POST', '/api/models/' + encodeURIComponent(m.version) + '/promote?reason=' + encodeURIComponent(reason));
                status.className = 'status ok'; status.textContent = m.version + ' promoted.';
                load();
              } catch (error) { status.className = 'status bad'; status.textContent = 'Not promoted: ' + error.message; }
            });
            actions.append(' ', promote);
          }
          row.appendChild(actions);
          body.appendChild(row);
        }
        const serving = models.find((m) => m.serving) || models.find((m) => m.promoted);
        if (serving) { calibration(await api('GET', '/api/models/' + encodeURIComponent(serving.version))); }
      } catch (error) {
        body.innerHTML = '';
        const row = document.createElement('tr');
        const td = cell('The scoring service did not answer: ' + error.message);
        td.colSpan = 8; td.className = 'error'; row.appendChild(td); body.appendChild(row);
      }
    }
    $('#rollback').addEventListener('click', async () => {
      const reason = prompt('Why roll back?');
      if (reason === null) { return; }
      try {
        const result = await api('POST', '/api/models/rollback?reason=' + encodeURIComponent(reason));
        status.className = 'status ok'; status.textContent = 'Rolled back: ' + result.promoted + ' is promoted.';
        load();
      } catch (error) { status.className = 'status bad'; status.textContent = 'Not rolled back: ' + error.message; }
    });
    load();
    distribution();
  }

  function calibration(manifest) {
    const element = $('#calibration-chart');
    const bins = (manifest.test && manifest.test.calibration) || [];
    const instance = chart(element);
    if (!instance || !bins.length) { return; }
    $('#calibration-h').textContent = 'Calibration of the serving model, ' + manifest.version + ' (test period)';
    instance.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: (p) => 'predicted ' + percent(p.value[0]) + ', observed ' + percent(p.value[1]) },
      grid: { left: 52, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'value', min: 0, max: 1, name: 'predicted churn rate', nameLocation: 'center', nameGap: 26 },
      yAxis: { type: 'value', min: 0, max: 1, name: 'observed', nameLocation: 'center', nameGap: 36 },
      series: [
        { type: 'line', data: [[0, 0], [1, 1]], symbol: 'none', lineStyle: { type: 'dashed', color: '#9aa5b8' }, silent: true },
        { type: 'line', data: bins.map((b) => [b.meanPredicted, b.observedRate]), symbolSize: 7, itemStyle: { color: '#1f5fbf' } },
      ],
    });
    element.dataset.rendered = 'true';
  }

  function distribution() {
    const element = $('#distribution-chart');
    const monitoring = JSON.parse(element.dataset.monitoring || '{"days":[]}');
    if (!monitoring.days.length) {
      element.outerHTML = '<p class="empty">No assessment yet: scores appear here as the scoring service assesses customers.</p>';
      return;
    }
    const days = [...new Set(monitoring.days.map((d) => d.day))];
    const totals = days.map((day) => {
      const counts = new Array(10).fill(0);
      monitoring.days.filter((d) => d.day === day).forEach((d) => d.histogram.forEach((n, i) => { counts[i] += n; }));
      const all = counts.reduce((a, b) => a + b, 0) || 1;
      return counts.map((n) => n / all);
    });
    const instance = chart(element);
    if (!instance) { return; }
    const buckets = ['0–10', '10–20', '20–30', '30–40', '40–50', '50–60', '60–70', '70–80', '80–90', '90–100'];
    if (days.length === 1) {
      // one day: its histogram says more than a single stacked bar
      instance.setOption({
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: percent },
        grid: { left: 44, right: 16, top: 16, bottom: 40 },
        xAxis: { type: 'category', data: buckets, name: 'score, % (' + days[0] + ')', nameLocation: 'center', nameGap: 26 },
        yAxis: { type: 'value', axisLabel: { formatter: (v) => Math.round(v * 100) + '%' } },
        series: [{ type: 'bar', data: totals[0], itemStyle: { color: '#1f5fbf' } }],
      });
      element.dataset.rendered = 'true';
      return;
    }
    const palette = ['#2b8a3e', '#51a35a', '#7bbd76', '#a9d39a', '#d8e6a5', '#f4d58d', '#f0a963', '#e4793f', '#cc4a2a', '#a4161a'];
    instance.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: percent },
      grid: { left: 44, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + '%' } },
      series: palette.map((colour, bucket) => ({
        name: buckets[bucket] + ' %', type: 'bar', stack: 'share',
        barCategoryGap: '10%', itemStyle: { color: colour }, data: totals.map((t) => t[bucket]),
      })),
    });
    element.dataset.rendered = 'true';
  }

  document.addEventListener('DOMContentLoaded', () => {
    worklistKeys();
    riskChart();
    rulesList();
    ruleEditor();
    campaignChart();
    modelsPage();
  });
})();
