// "Learn": for each optimizer and schedule, the idea in a paragraph, its update rule, when it
// helps and when it fails, and a button that loads a setup showing it. The prose is per
// language (texts/en.ts, texts/zh.ts), loaded when the panel opens or the language changes.

import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import { presetConfig } from '../../core/presets';
import type { Language } from '../../core/config';
import { REGISTRIES } from '../registry';
import { loadConfig, useStore } from '../store';
import { Tex } from '../math/Tex';
import { LEARN_TOPICS, type LearnTopic } from './topics';
import type { LearnTexts } from './texts/en';
import './learn.css';

function loadTexts(lang: Language): Promise<LearnTexts> {
  return lang === 'zh'
    ? import('./texts/zh').then((m) => m.learnTexts)
    : import('./texts/en').then((m) => m.learnTexts);
}

/** Loads the topic's setup, keeping the page's embed and language. */
function show(topic: LearnTopic): void {
  const { embed, lang } = useStore.getState().config;
  const config = presetConfig(topic.preset, REGISTRIES);
  loadConfig({ ...config, embed, lang });
}

export default function LearnPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useStore((s) => s.config.lang);
  const [texts, setTexts] = useState<{ lang: Language; texts: LearnTexts } | null>(null);
  const [topicId, setTopicId] = useState(
    () => useStore.getState().config.lanes.find((l) => l.visible)?.optimizer.id ?? 'adam',
  );
  useEffect(() => {
    let live = true;
    void loadTexts(lang).then((loaded) => {
      if (live) setTexts({ lang, texts: loaded });
    });
    return () => {
      live = false;
    };
  }, [lang]);
  const topic = LEARN_TOPICS.find((x) => x.id === topicId) ?? LEARN_TOPICS[0]!;
  const text = texts?.texts[topic.id];
  const group = (kind: LearnTopic['kind']) => LEARN_TOPICS.filter((x) => x.kind === kind);
  return (
    <aside className="learn-panel" aria-label={t('learn.title')}>
      <div className="panel-head">
        <h2>{t('learn.title')}</h2>
        <button type="button" onClick={onClose}>
          {t('learn.close')}
        </button>
      </div>
      <label className="param">
        <span className="param-label">{t('learn.topic')}</span>
        <select
          value={topic.id}
          onChange={(e) => setTopicId(e.target.value)}
          aria-label={t('learn.topic')}
        >
          <optgroup label={t('learn.optimizers')}>
            {group('optimizer').map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('learn.schedules')}>
            {group('schedule').map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <article className="learn-topic" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <h3>{topic.name}</h3>
        {text ? (
          <>
            <h4>{t('learn.idea')}</h4>
            <p>{text.idea}</p>
            <h4>{t('learn.rule')}</h4>
            <div className="learn-rule">
              <Tex tex={topic.rule} display />
            </div>
            <h4>{t('learn.helps')}</h4>
            <p>{text.helps}</p>
            <h4>{t('learn.fails')}</h4>
            <p>{text.fails}</p>
          </>
        ) : (
          <p>{t('learn.loading')}</p>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => show(topic)}
          aria-label={t('learn.tryItAria', { name: topic.name })}
        >
          {t('learn.tryIt')}
        </button>
      </article>
    </aside>
  );
}
