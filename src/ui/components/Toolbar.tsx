// The header controls: surface and its parameters (or the typed surface's formula), presets,
// single/grid view, start point, seed, share and export.

import { lazy, Suspense, useEffect, useState } from 'react';
import { i18n, nameOf, useTranslation } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { LearnButton } from '../learn/LearnButton';
import { PRESETS, findPreset, matchingPreset, presetConfig } from '../../core/presets';
import type { ExportRun } from '../../core/export';
import { MAX_START_ABS } from '../../core/limits';
import { filled, REGISTRIES, SURFACES, surfaceDef } from '../registry';
import { getResults } from '../results';
import {
  loadConfig,
  pushMessage,
  setSeed,
  setStart,
  setSurface,
  setSurfaceExpression,
  setSurfaceParam,
  useStore,
} from '../store';
import { shareUrl } from '../url-sync';
import { download, takeSnapshot } from '../snapshot';
import { ThemeToggle, WebmButton } from './ExportButtons';
import { ParamControl, NumberField } from './ParamControl';
import { viewFor, views, type ViewMode } from '../views';
import { CUSTOM_SURFACE_ID, loadTypedSurfaces, typedSurface } from '../../core/surfaceRef';

// The formula field and the parser behind it load when a typed surface is first chosen.
const loadTypedSurfaceInput = () => import('./TypedSurfaceInput');
const TypedSurfaceInput = lazy(() =>
  loadTypedSurfaceInput().then((m) => ({ default: m.TypedSurfaceInput })),
);

/** The view switch: its actions (entering and leaving the Train view) load on first use. */
async function switchView(mode: ViewMode): Promise<void> {
  (await import('../train/actions')).setViewMode(mode);
}

/** A preset's "what to look at" (loaded with the first preset shown; null until then). */
function usePresetText(id: string | null): string | null {
  const [texts, setTexts] = useState<Readonly<Record<string, string>> | null>(null);
  useEffect(() => {
    if (id === null || texts) return;
    let alive = true;
    void import('../../core/presetTexts').then((m) => {
      if (alive) setTexts(m.PRESET_TEXTS);
    });
    return () => {
      alive = false;
    };
  }, [id, texts]);
  return id !== null ? (texts?.[id] ?? null) : null;
}

/** The formula the "Your surface…" choice opens with: two minima of different depth. */
const STARTER_FORMULA = '(x^2 - 1)^2 + y^2 + 0.3*x';
/** The last formula typed this session: choosing "Your surface…" again brings it back. */
let lastFormula = STARTER_FORMULA;

async function chooseSurface(id: string): Promise<void> {
  const { surface } = useStore.getState().config;
  if (surface.id === CUSTOM_SURFACE_ID && surface.expression !== undefined)
    lastFormula = surface.expression;
  if (id !== CUSTOM_SURFACE_ID) {
    const d = surfaceDef({ id });
    setSurface(d.id, d.view, d.defaultStart);
    return;
  }
  try {
    await Promise.all([loadTypedSurfaces(), loadTypedSurfaceInput()]);
  } catch {
    pushMessage('error', i18n.t('toolbar.parserLoadFailed'));
    return;
  }
  const outcome = typedSurface(lastFormula);
  if (outcome.ok) setSurface(id, outcome.def.view, outcome.def.defaultStart, lastFormula);
}

function commitFormula(text: string): void {
  lastFormula = text;
  setSurfaceExpression(text);
}

function exportRuns(): ExportRun[] {
  const { lanes } = useStore.getState().config;
  const out: ExportRun[] = [];
  for (const r of getResults().lanes) {
    const lane = lanes.find((l) => l.id === r.laneId);
    if (lane && r.run && r.resolved)
      out.push({ name: lane.name, run: r.resolved, trajectory: r.run });
  }
  return out;
}

async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    pushMessage('info', i18n.t('toolbar.copied', { what }));
  } catch {
    pushMessage('info', i18n.t('toolbar.copyThis', { what: what.toLowerCase(), text }));
  }
}

export function Toolbar() {
  const { t } = useTranslation();
  const surface = useStore((s) => s.config.surface);
  const surfaceId = surface.id;
  const mode = useStore((s) => s.config.mode);
  const start = useStore((s) => s.config.start);
  const seed = useStore((s) => s.config.seed);
  const [presetId, setPresetId] = useState('');
  const def = surfaceDef(surface);
  const values = filled(def.params, surface.params);
  const typed = surfaceId === CUSTOM_SURFACE_ID ? (surface.expression ?? null) : null;
  // The preset's text while the config (opened from it, or from its link) still matches it.
  const preset = useStore((s) => matchingPreset(s.config, REGISTRIES));
  const presetText = usePresetText(preset?.id ?? null);
  const viewSwitch = (
    <div role="group" aria-label={t('toolbar.view')} className="segmented">
      {views().map((v) => (
        <button
          key={v.mode}
          type="button"
          aria-pressed={mode === v.mode}
          onClick={() => void switchView(v.mode)}
        >
          {t(`views.${v.mode}`, { defaultValue: v.label })}
        </button>
      ))}
    </div>
  );
  const copyLink = (
    <button type="button" onClick={() => void copyText(shareUrl(), t('toolbar.link'))}>
      {t('toolbar.copyLink')}
    </button>
  );
  const teach = (
    <>
      <LearnButton />
      <LanguageSwitch />
    </>
  );
  // A full-page view (Train) has its own controls: only the view switch and the link here.
  if (viewFor(mode)?.page) {
    return (
      <div className="toolbar">
        <div className="group">{viewSwitch}</div>
        <div className="group">
          {copyLink}
          {teach}
        </div>
      </div>
    );
  }

  return (
    <div className="toolbar">
      <div className="group">
        <label className="inline">
          {t('toolbar.surface')}
          <select
            value={surfaceId}
            onChange={(e) => void chooseSurface(e.target.value)}
            aria-label={t('toolbar.surfaceAria')}
          >
            {SURFACES.map((s) => (
              <option key={s.id} value={s.id}>
                {nameOf(s.label)}
              </option>
            ))}
            <option value={CUSTOM_SURFACE_ID}>{t('toolbar.yourSurface')}</option>
          </select>
        </label>
        {typed !== null ? (
          <Suspense fallback={<span className="formula-inline">f = {typed}</span>}>
            <TypedSurfaceInput expression={typed} onCommit={commitFormula} />
          </Suspense>
        ) : (
          <span className="formula-inline" title="f(x, y)">
            f = {def.formula}
          </span>
        )}
        {def.params.map((p) => (
          <ParamControl
            key={p.key}
            param={p}
            value={values[p.key] ?? p.default}
            context={t('param.surfaceContext')}
            onChange={(v) => setSurfaceParam(p.key, v)}
          />
        ))}
      </div>
      <div className="group">
        <label className="inline">
          {t('toolbar.preset')}
          <select
            value={preset?.id ?? presetId}
            onChange={(e) => {
              setPresetId(e.target.value);
              const p = findPreset(e.target.value);
              const config = p && presetConfig(p, REGISTRIES);
              if (config)
                loadConfig({
                  ...config,
                  // The preset's lane names in the interface language (the figure is the same).
                  lanes: config.lanes.map((l) => ({ ...l, name: nameOf(l.name) })),
                  embed: useStore.getState().config.embed,
                  lang: useStore.getState().config.lang,
                });
            }}
            aria-label={t('toolbar.presetAria')}
          >
            <option value="">{t('toolbar.choosePreset')}</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {nameOf(p.title)}
              </option>
            ))}
          </select>
        </label>
        {presetText && <p className="preset-text">{nameOf(presetText)}</p>}
      </div>
      <div className="group">
        {viewSwitch}
        <label className="inline">
          {t('toolbar.startX')}
          <NumberField
            value={start[0]}
            name={t('toolbar.startXName')}
            check={(n) =>
              Number.isFinite(n) && Math.abs(n) <= MAX_START_ABS ? null : t('toolbar.startFinite')
            }
            onCommit={(n) => setStart([n, useStore.getState().config.start[1]])}
          />
        </label>
        <label className="inline">
          {t('toolbar.startY')}
          <NumberField
            value={start[1]}
            name={t('toolbar.startYName')}
            check={(n) =>
              Number.isFinite(n) && Math.abs(n) <= MAX_START_ABS ? null : t('toolbar.startFinite')
            }
            onCommit={(n) => setStart([useStore.getState().config.start[0], n])}
          />
        </label>
        <label className="inline">
          {t('toolbar.seed')}
          <NumberField
            value={seed}
            name={t('toolbar.seedName')}
            check={(n) =>
              Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? null : t('toolbar.seedWhole')
            }
            onCommit={setSeed}
          />
        </label>
      </div>
      <div className="group">
        {copyLink}
        <button
          type="button"
          onClick={() =>
            void takeSnapshot().then((blob) =>
              blob
                ? download(blob, `descent-lab-${surfaceId}.png`)
                : pushMessage('warning', t('toolbar.nothingToExport')),
            )
          }
        >
          PNG
        </button>
        <WebmButton surfaceId={surfaceId} />
        <button
          type="button"
          onClick={() =>
            void import('../../core/export').then(({ runsToCsv }) =>
              download(
                new Blob([runsToCsv(exportRuns())], { type: 'text/csv' }),
                `descent-lab-${surfaceId}.csv`,
              ),
            )
          }
        >
          CSV
        </button>
        <button
          type="button"
          onClick={() =>
            void import('../../core/export').then(({ runsToJson }) =>
              download(
                new Blob([runsToJson(exportRuns())], { type: 'application/json' }),
                `descent-lab-${surfaceId}.json`,
              ),
            )
          }
          title={t('toolbar.jsonTitle')}
        >
          JSON
        </button>
        <ThemeToggle />
        {teach}
      </div>
    </div>
  );
}
