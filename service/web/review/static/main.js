// The review page: compose an article, render its analysis, and save corrections.

import { ApiFailure, createArticle, saveCorrection, settings } from './api.js';
import { renderSummary } from './chart.js';
import { EXAMPLE } from './example.js';
import { renderInspector, renderSources } from './panels.js';
import { highlight, renderArticle, selectionSpan } from './render.js';

const $ = (id) => document.getElementById(id);
const els = {
  status: $('status'), compose: $('compose'), form: $('compose-form'), text: $('text'),
  file: $('file'), fileNote: $('file-note'), analyse: $('analyse'), review: $('review'),
  article: $('article'), permalink: $('permalink'), newArticle: $('new-article'),
  figures: $('figures'), chart: $('chart'), inspector: $('inspector-body'),
  inspectorEmpty: $('inspector-empty'), inspectorHead: $('inspector-h'), sources: $('source-list'),
  editor: $('editor'), apiKey: $('api-key'), example: $('example'),
};

const state = { article: null, index: null, selected: null, pinned: [], pinnedSource: null,
                html: null, busy: false };

function say(message, kind = 'info') {
  els.status.textContent = message;
  els.status.className = `status ${kind}`;
}

function time(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const ctx = {
  get article() { return state.article; },
  get pinnedSource() { return state.pinnedSource; },
  say,
  selection: () => (state.index ? selectionSpan(els.article, state.index, state.article.text) : null),
  preview: (ids) => highlight(els.article, state.index, ids || state.pinned),
  pinSource: (id) => {
    state.pinnedSource = id;
    const rels = id ? state.article.analysis.attributions.filter((a) => a.source_id === id).map((a) => a.id) : [];
    pin(rels);
    renderSources(ctx, els.sources);
    const first = rels.length && state.index.rels.get(rels[0]);
    if (first && first[0]) first[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    const focused = $(`source-${id}`);
    if (focused) focused.focus();
  },
  correct,
};

function pin(ids) {
  state.pinned = ids;
  highlight(els.article, state.index, ids);
}

function selectSentence(i, focus = true) {
  const n = state.article.analysis.sentences.length;
  if (i !== null) i = Math.max(0, Math.min(n - 1, i));
  for (const el of els.article.querySelectorAll('.s.selected')) el.classList.remove('selected');
  state.selected = i;
  if (i !== null) {
    const parts = state.index.sentences.get(i) || [];
    for (const el of parts) el.classList.add('selected');
    if (focus && parts[0]) { parts[0].focus({ preventScroll: true }); parts[0].scrollIntoView({ block: 'nearest' }); }
  }
  renderInspector(ctx, els.inspector, els.inspectorEmpty, els.inspectorHead, i);
}

function render() {
  const article = state.article;
  state.index = renderArticle(els.article, article);
  window.__reportedly = { renderMs: state.index.renderMs, id: article.id };
  renderSummary(els.figures, els.chart, article.analysis);
  renderSources(ctx, els.sources);
  els.permalink.href = article.permalink;
  els.permalink.textContent = `Permalink: ${location.origin}${article.permalink}`;
  document.title = `${article.title || 'Article'} · reportedly review`;
  highlight(els.article, state.index, state.pinned);
  if (state.selected !== null) selectSentence(state.selected, false);
  else renderInspector(ctx, els.inspector, els.inspectorEmpty, els.inspectorHead, null);
}

function show(article, push) {
  state.article = article;
  state.selected = null;
  state.pinned = [];
  state.pinnedSource = null;
  els.compose.hidden = true;
  els.review.hidden = false;
  render();
  if (push) history.pushState({ id: article.id }, '', article.permalink);
}

async function correct(payload, description) {
  if (state.busy) return;
  state.busy = true;
  const focusId = document.activeElement && document.activeElement.id;
  const inArticle = els.article.contains(document.activeElement);
  document.body.classList.add('saving');
  say('Saving…');
  try {
    const saved = await saveCorrection(state.article.id, payload);
    state.article = saved.article;
    render();
    const c = saved.correction;
    say(`Saved: ${description} (by ${c.editor}, ${time(c.created_at)}).`, 'ok');
    const again = inArticle ? (state.index.sentences.get(state.selected) || [els.article])[0]
                            : focusId && $(focusId);
    if (again) again.focus({ preventScroll: true });
  } catch (err) {
    const why = err instanceof ApiFailure ? err.message : String(err);
    say(`Not saved: ${why}`, 'error');
  } finally {
    state.busy = false;
    document.body.classList.remove('saving');
  }
}

async function analyse(event) {
  event.preventDefault();
  const text = els.text.value;
  const payload = state.html !== null ? { html: state.html } : { text };
  if (state.html === null && !text.trim()) { say('Paste an article or choose a file first.', 'error'); return; }
  els.analyse.disabled = true;
  say('Analysing…');
  try {
    const article = await createArticle(payload);
    show(article, true);
    say(`Analysed and stored: ${article.analysis.sentences.length} sentences.`, 'ok');
    els.article.focus();
  } catch (err) {
    say(`Could not analyse: ${err instanceof ApiFailure ? err.message : String(err)}`, 'error');
  } finally {
    els.analyse.disabled = false;
  }
}

async function loadFile() {
  const file = els.file.files[0];
  if (!file) return;
  const content = await file.text();
  const isHtml = /\.html?$/i.test(file.name) || file.type === 'text/html';
  state.html = isHtml ? content : null;
  if (!isHtml) els.text.value = content;
  els.fileNote.hidden = !isHtml;
  els.fileNote.textContent = isHtml
    ? `${file.name}: its article text will be extracted from the HTML when you press Analyse.` : '';
}

function onArticleKey(event) {
  if (!state.article || event.target.closest('input, select, textarea, button')) return;
  const n = state.article.analysis.sentences.length;
  const cur = state.selected;
  const key = event.key;
  if (key === 'ArrowDown' || key === 'j') {
    selectSentence(cur === null ? 0 : Math.min(n - 1, cur + 1));
  } else if (key === 'ArrowUp' || key === 'k') {
    selectSentence(cur === null ? 0 : Math.max(0, cur - 1));
  } else if ((key === 'Enter' || key === ' ') && cur === null) {
    selectSentence(0);
  } else if ((key === 'r' || key === 'd') && cur !== null) {
    const label = key === 'r' ? 'reported' : 'direct';
    correct({ kind: 'sentence_label', target: { sentence: cur }, after: { label } },
            `sentence ${cur + 1} marked ${label}`);
  } else if (key === 'Escape') {
    pin([]);
    selectSentence(null);
    els.article.focus();
  } else {
    return;
  }
  event.preventDefault();
}

function relationAt(target) {
  const mark = target.closest && target.closest('.m[data-rels]');
  return mark ? mark.dataset.rels.split(' ') : null;
}

function wire() {
  els.editor.value = settings.editor;
  els.editor.addEventListener('change', () => { settings.editor = els.editor.value.trim(); });
  if (els.apiKey) {
    els.apiKey.value = settings.apiKey;
    els.apiKey.addEventListener('change', () => { settings.apiKey = els.apiKey.value.trim(); });
  }
  els.form.addEventListener('submit', analyse);
  els.file.addEventListener('change', loadFile);
  els.text.addEventListener('input', () => { state.html = null; els.fileNote.hidden = true; });
  els.example.addEventListener('click', () => {
    els.text.value = EXAMPLE;
    els.file.value = '';
    state.html = null;
    els.fileNote.hidden = true;
    els.text.focus();
    say('The example is in the text box: press Analyse.');
  });
  els.newArticle.addEventListener('click', () => {
    els.review.hidden = true;
    els.compose.hidden = false;
    history.pushState({}, '', '/review');
    els.text.focus();
  });
  els.article.addEventListener('keydown', onArticleKey);
  els.article.addEventListener('mouseover', (e) => {
    const rels = relationAt(e.target);
    highlight(els.article, state.index, rels ? [rels[0]] : state.pinned);
  });
  els.article.addEventListener('mouseleave', () => highlight(els.article, state.index, state.pinned));
  els.article.addEventListener('click', (e) => {
    if (!window.getSelection().isCollapsed) return;  // selecting text for a span, not clicking
    const rels = relationAt(e.target);
    pin(rels ? [rels[0]] : []);
    const sent = e.target.closest('.s');
    if (sent) selectSentence(Number(sent.dataset.i));
  });
  window.addEventListener('popstate', () => location.reload());
}

wire();
const initial = JSON.parse(document.getElementById('initial-article').textContent || 'null');
if (initial) show(initial, false);
else els.text.focus();
