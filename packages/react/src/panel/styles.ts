/**
 * The panel's stylesheet, adopted into the overlay's shadow root when the panel first loads.
 *
 * Shared building blocks (for the Load and History tabs and anything else in the panel):
 * - tokens (from `overlay/baseStyles.ts`): `--ps-bg`, `--ps-bg-2`, `--ps-bg-3`, `--ps-fg`, `--ps-fg-2`,
 *   `--ps-border`, `--ps-accent`, `--ps-good|warn|bad` (+ `-bg`), `--ps-font`, `--ps-mono`; both themes.
 * - `.ps-section` (a titled block; `h3` inside), `.ps-grid` (auto-fit cards), `.ps-card` (+ `.ps-card__label`,
 *   `.ps-card__value`, `.ps-card__hint`; `.ps-card--good|warn|bad` colours it by rating),
 * - `.ps-table` (dense, sticky header, numbers right-aligned with `.ps-num`; sortable headers hold a `button`),
 * - `.ps-button` (+ `.ps-button--primary`, `.ps-button--danger`), `.ps-input`, `.ps-check` (a label with a checkbox),
 * - `.ps-badge` (+ `.ps-badge--good|warn|bad|muted`), `.ps-muted`, `.ps-empty` (an honest "nothing yet" note),
 * - `.ps-chart` (a uPlot chart box with `.ps-chart__title`).
 */
export const PANEL_CSS = `
*, *::before, *::after { box-sizing: border-box; }
.ps-panel { position: fixed; z-index: 2147483645; display: flex; flex-direction: column; background: var(--ps-bg);
  color: var(--ps-fg); border: 1px solid var(--ps-border); border-radius: 12px; box-shadow: var(--ps-shadow);
  overflow: hidden; min-width: 420px; min-height: 300px; max-width: calc(100vw - 32px);
  max-height: calc(100vh - 88px); font: 13px/1.45 var(--ps-font); }
.ps-panel--bottom-right { right: 16px; bottom: 68px; }
.ps-panel--bottom-left { left: 16px; bottom: 68px; }
.ps-panel--top-right { right: 16px; top: 68px; }
.ps-panel--top-left { left: 16px; top: 68px; }
.ps-panel--page { position: relative; inset: auto; width: 100%; min-height: 100vh; max-width: none; max-height: none;
  border: 0; border-radius: 0; box-shadow: none; overflow: visible; }
.ps-resize { position: absolute; z-index: 1; width: 14px; height: 14px; touch-action: none; }
.ps-resize--bottom-right { left: 0; top: 0; cursor: nwse-resize; }
.ps-resize--top-left { right: 0; bottom: 0; cursor: nwse-resize; }
.ps-resize--bottom-left { right: 0; top: 0; cursor: nesw-resize; }
.ps-resize--top-right { left: 0; bottom: 0; cursor: nesw-resize; }
.ps-resize::after { content: ""; position: absolute; inset: 3px; border: 0 solid var(--ps-fg-2); opacity: 0.5; }
.ps-resize--bottom-right::after { border-width: 2px 0 0 2px; border-top-left-radius: 4px; }
.ps-resize--top-left::after { border-width: 0 2px 2px 0; border-bottom-right-radius: 4px; }
.ps-resize--bottom-left::after { border-width: 2px 2px 0 0; border-top-right-radius: 4px; }
.ps-resize--top-right::after { border-width: 0 0 2px 2px; border-bottom-left-radius: 4px; }
.ps-header { display: flex; align-items: center; gap: 10px; padding: 8px 12px; border-bottom: 1px solid var(--ps-border);
  background: var(--ps-bg-2); }
.ps-title { font-weight: 650; font-size: 14px; margin: 0; letter-spacing: 0.01em; }
.ps-header .ps-spacer { flex: 1; }
.ps-tablist { display: flex; gap: 2px; padding: 0 8px; border-bottom: 1px solid var(--ps-border); background: var(--ps-bg-2);
  overflow-x: auto; scrollbar-width: thin; }
.ps-tab { appearance: none; border: 0; background: none; color: var(--ps-fg-2); font: inherit; font-weight: 550;
  padding: 8px 12px; border-bottom: 2px solid transparent; cursor: pointer; white-space: nowrap; }
.ps-tab:hover { color: var(--ps-fg); }
.ps-tab[aria-selected="true"] { color: var(--ps-accent); border-bottom-color: var(--ps-accent); }
/* A sticky header sticks inside its scroller's padding: --ps-sticky-inset is the body's top padding, which headers
   stick that far above, so no scrolled row shows over them; a .ps-scroll box has none. On the page the document
   scrolls, not the body: neither the body nor the panel may be a scroller (overflow other than visible makes one),
   or headers would stick to a box that never moves; they stick to the top of the window. */
.ps-body { flex: 1; overflow: auto; --ps-sticky-inset: 12px; padding: var(--ps-sticky-inset); }
.ps-panel--page .ps-body { overflow: visible; --ps-sticky-inset: 0px; padding: 16px 24px; }
:focus-visible { outline: 2px solid var(--ps-focus); outline-offset: 1px; border-radius: 4px; }
.ps-section { margin: 0 0 16px; }
.ps-section > h3 { margin: 0 0 8px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--ps-fg-2); font-weight: 650; }
.ps-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; }
.ps-card { background: var(--ps-bg-2); border: 1px solid var(--ps-border); border-radius: 8px; padding: 8px 10px; min-width: 0; }
.ps-card__label { color: var(--ps-fg-2); font-size: 12px; font-weight: 550; }
.ps-card__value { font: 600 20px/1.3 var(--ps-font); font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ps-card__hint { color: var(--ps-fg-2); font-size: 11px; overflow-wrap: anywhere; }
.ps-card--good { border-color: color-mix(in srgb, var(--ps-good) 45%, var(--ps-border)); background: var(--ps-good-bg); }
.ps-card--good .ps-card__value { color: var(--ps-good); }
.ps-card--warn { border-color: color-mix(in srgb, var(--ps-warn) 45%, var(--ps-border)); background: var(--ps-warn-bg); }
.ps-card--warn .ps-card__value { color: var(--ps-warn); }
.ps-card--bad { border-color: color-mix(in srgb, var(--ps-bad) 45%, var(--ps-border)); background: var(--ps-bad-bg); }
.ps-card--bad .ps-card__value { color: var(--ps-bad); }
.ps-table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.ps-table th, .ps-table td { padding: 5px 7px; text-align: left; border-bottom: 1px solid var(--ps-border); white-space: nowrap; }
.ps-table th { position: sticky; top: calc(-1 * var(--ps-sticky-inset, 0px)); background: var(--ps-bg); font-weight: 600; color: var(--ps-fg-2); font-size: 12px; }
.ps-table th button { all: unset; cursor: pointer; }
.ps-table th button:focus-visible { outline: 2px solid var(--ps-focus); }
.ps-table tbody tr:hover { background: var(--ps-bg-2); }
.ps-table .ps-num { text-align: right; }
.ps-table .ps-key { font-family: var(--ps-mono); font-size: 12px; max-width: 340px; overflow: hidden; text-overflow: ellipsis; }
.ps-scroll { --ps-sticky-inset: 0px; overflow: auto; max-height: 340px; border: 1px solid var(--ps-border); border-radius: 8px;
  scrollbar-width: thin; scrollbar-color: var(--ps-fg-2) transparent;
  /* Scroll shadows: the "local" covers travel with the content and hide the fixed shadows at either end, so a
     shadow shows only on a side with more columns to scroll to (overlay scrollbars show nothing at rest). */
  background: linear-gradient(to right, var(--ps-bg) 40%, transparent) left / 32px 100% no-repeat local,
    linear-gradient(to left, var(--ps-bg) 40%, transparent) right / 32px 100% no-repeat local,
    linear-gradient(to right, var(--ps-shadow-edge), transparent) left / 12px 100% no-repeat scroll,
    linear-gradient(to left, var(--ps-shadow-edge), transparent) right / 12px 100% no-repeat scroll; }
.ps-scroll:focus-visible { outline-offset: -2px; }
.ps-table--sticky-key th:first-child, .ps-table--sticky-key td:first-child { position: sticky; left: 0; background: var(--ps-bg);
  box-shadow: 1px 0 0 var(--ps-border); }
.ps-table--sticky-key th:first-child { z-index: 2; }
.ps-table--sticky-key tbody tr:hover td:first-child { background: var(--ps-bg-2); }
.ps-scroll .ps-table tr:last-child td { border-bottom: 0; }
.ps-button { appearance: none; font: inherit; font-weight: 550; padding: 4px 10px; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--ps-border); background: var(--ps-bg); color: var(--ps-fg); }
.ps-button:hover { background: var(--ps-bg-3); }
.ps-button--primary { background: var(--ps-accent); border-color: var(--ps-accent); color: var(--ps-accent-fg); }
.ps-button--primary:hover { background: var(--ps-accent-hover); border-color: var(--ps-accent-hover); }
.ps-button--danger { background: var(--ps-danger); border-color: var(--ps-danger); color: var(--ps-danger-fg); }
.ps-button--danger:hover { background: var(--ps-danger-hover); border-color: var(--ps-danger-hover); }
/* Disabled looks disabled (flat, dashed, muted) and stays readable; hover changes nothing on it. */
.ps-button:disabled, .ps-button:disabled:hover, .ps-button[aria-disabled="true"], .ps-button[aria-disabled="true"]:hover {
  background: var(--ps-bg-2); border: 1px dashed var(--ps-fg-2); color: var(--ps-fg-2); cursor: not-allowed; }
.ps-button:focus-visible { outline: 2px solid var(--ps-focus); outline-offset: 2px; }
.ps-run-actions { display: flex; align-items: center; gap: 8px; margin: 8px 0 0; }
.ps-run-actions .ps-button { min-width: 96px; padding: 6px 14px; }
.ps-targets { border: 1px solid var(--ps-border); border-radius: 8px; padding: 4px 10px 8px; margin: 0 0 4px; min-width: 0; }
.ps-targets legend { padding: 0 4px; font-size: 12px; }
.ps-targets .ps-check.ps-key { font-family: var(--ps-mono); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: block; }
.ps-targets .ps-check.ps-key input { margin-right: 6px; vertical-align: -1px; }
.ps-targets .ps-toolbar { margin: 6px 0 0; }
.ps-input.ps-input--number { min-width: 0; width: 84px; }
.ps-targets .ps-input { min-width: 320px; }
.ps-source, .ps-corner { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; }
.ps-source .ps-input.ps-input, .ps-corner .ps-input.ps-input { min-width: 0; padding: 2px 6px; font-size: 12px; }
.ps-source .ps-input { max-width: 320px; }
.ps-icon-button { appearance: none; border: 0; background: none; color: var(--ps-fg-2); cursor: pointer; font-size: 18px; line-height: 1; padding: 2px 6px; border-radius: 6px; }
.ps-icon-button:hover { background: var(--ps-bg-3); color: var(--ps-fg); }
.ps-tab:focus-visible, .ps-icon-button:focus-visible { outline: 2px solid var(--ps-focus); outline-offset: -2px; }
.ps-input { font: inherit; padding: 4px 8px; border-radius: 6px; border: 1px solid var(--ps-border); background: var(--ps-bg); color: var(--ps-fg); min-width: 200px; }
.ps-check { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; padding: 3px 0; }
.ps-check input { accent-color: var(--ps-accent); margin: 0; }
.ps-checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 2px 12px; }
.ps-badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 11px; font-weight: 650; line-height: 18px;
  background: var(--ps-bg-3); color: var(--ps-fg-2); }
.ps-badge--good { background: var(--ps-good-bg); color: var(--ps-good); }
.ps-badge--warn { background: var(--ps-warn-bg); color: var(--ps-warn); }
.ps-badge--bad { background: var(--ps-bad-bg); color: var(--ps-bad); }
.ps-badge--muted { background: var(--ps-bg-3); color: var(--ps-fg-2); }
.ps-muted { color: var(--ps-fg-2); }
.ps-empty { color: var(--ps-fg-2); padding: 10px 12px; border: 1px dashed var(--ps-border); border-radius: 8px; margin: 0; }
.ps-toolbar { display: flex; align-items: center; gap: 8px; margin: 0 0 8px; flex-wrap: wrap; }
.ps-list { margin: 0; padding: 0; list-style: none; }
.ps-list li { padding: 4px 0; border-bottom: 1px solid var(--ps-border); display: flex; gap: 8px; align-items: baseline; }
.ps-list li:last-child { border-bottom: 0; }
.ps-kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; font-size: 12px; }
.ps-kv dt { color: var(--ps-fg-2); }
.ps-kv dd { margin: 0; font-family: var(--ps-mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ps-chart { background: var(--ps-bg-2); border: 1px solid var(--ps-border); border-radius: 8px; padding: 6px 8px 2px; margin: 0 0 12px; min-width: 0; }
.ps-chart__title { font-size: 12px; font-weight: 600; color: var(--ps-fg-2); margin: 0 0 2px; }
.ps-chart__plot { min-height: 40px; }
.ps-two { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px; }
.uplot, .uplot *, .uplot *::before, .uplot *::after { box-sizing: border-box; }
.uplot { font-family: var(--ps-font); line-height: 1.5; width: min-content; color: var(--ps-fg); }
.u-wrap { position: relative; user-select: none; }
.u-over, .u-under { position: absolute; }
.u-under { overflow: hidden; }
.uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
.u-axis { position: absolute; }
.u-legend { font-size: 11px; margin: 0; text-align: left; color: var(--ps-fg-2); }
.u-inline { display: block; }
.u-inline * { display: inline-block; }
.u-inline tr { margin-right: 12px; }
.u-legend th { font-weight: 550; }
.u-legend th > * { vertical-align: middle; display: inline-block; }
.u-legend .u-marker { width: 0.9em; height: 0.9em; margin-right: 4px; border-radius: 2px; background-clip: padding-box !important; }
.u-inline.u-live th::after { content: ":"; vertical-align: middle; }
.u-inline:not(.u-live) .u-value { display: none; }
.u-series > * { padding: 2px; }
.u-series th { cursor: pointer; }
.u-legend .u-off > * { opacity: 0.3; }
.u-select { background: rgba(127, 127, 127, 0.12); position: absolute; pointer-events: none; }
.u-cursor-x, .u-cursor-y { position: absolute; left: 0; top: 0; pointer-events: none; will-change: transform; }
.u-hz .u-cursor-x, .u-vt .u-cursor-y { height: 100%; border-right: 1px dashed var(--ps-fg-2); }
.u-hz .u-cursor-y, .u-vt .u-cursor-x { width: 100%; border-bottom: 1px dashed var(--ps-fg-2); }
.u-cursor-pt { position: absolute; top: 0; left: 0; border-radius: 50%; border: 0 solid; pointer-events: none; will-change: transform; background-clip: padding-box !important; }
.u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off { display: none; }
`
