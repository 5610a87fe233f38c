// The embed's compact controls under the map: play/pause, the scrubber and step counter, the
// sliders the link asked for (`controls=lr,beta1`: parameters of lane 1), the lane legend and
// a link that opens the same state in the full app.

import { useTranslation } from '../i18n';
import { encodeConfig } from '../../core/url-codec';
import { optimizerById } from '../../core/optimizers';
import { togglePlaying } from '../playback';
import { REGISTRIES } from '../registry';
import { setLaneParam, useStore } from '../store';
import { ParamControl } from './ParamControl';
import { StepScrubber } from './StepScrubber';

export function EmbedBar() {
  const { t } = useTranslation();
  const config = useStore((s) => s.config);
  const playing = useStore((s) => s.playback.playing);
  const { step, steps, lanes, controls } = config;
  const lane = lanes[0];
  const schema = optimizerById(lane?.optimizer.id ?? '')?.params ?? [];
  const sliders = controls.flatMap((key) => schema.filter((p) => p.key === key));
  const { origin, pathname, search } = window.location;
  const openHref = `${origin}${pathname}${search}#${encodeConfig({ ...config, embed: false }, REGISTRIES)}`;

  return (
    <section className="embed-bar" aria-label={t('embed.bar')}>
      <div className="embed-row">
        <button
          type="button"
          onClick={togglePlaying}
          aria-label={playing ? t('time.pause') : t('time.play')}
          aria-keyshortcuts="Space"
        >
          {playing ? `❚❚ ${t('time.pause')}` : `▶ ${t('time.play')}`}
        </button>
        <StepScrubber step={step} steps={steps} />
      </div>
      {lane && sliders.length > 0 && (
        <div className="embed-row embed-sliders">
          {sliders.map((p) => (
            <ParamControl
              key={p.key}
              param={p}
              value={lane.optimizer.params[p.key] ?? p.default}
              context={lane.name}
              onChange={(v) => setLaneParam(lane.id, p.key, v)}
            />
          ))}
        </div>
      )}
      <div className="embed-row">
        <ul className="legend embed-legend" aria-label={t('lanes.title')}>
          {lanes
            .filter((l) => l.visible)
            .map((l) => (
              <li key={l.id}>
                <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                {l.name}
              </li>
            ))}
        </ul>
        <a
          className="embed-open"
          href={openHref}
          target="_blank"
          rel="noopener"
          aria-label={t('embed.openLabel')}
        >
          {t('embed.open')}
        </a>
      </div>
    </section>
  );
}
