// Pointer, wheel and keyboard input on the map:
// - mouse or pen click or drag (primary button): move the start point, the paths follow
//   (one store update per animation frame, so one recompute per frame);
// - Shift + drag, middle-button drag or right-button drag: pan;
// - wheel: zoom about the cursor; two fingers: pinch-zoom and pan;
// - one finger scrolls the page (CSS touch-action: pan-x pan-y on the map); it moves the start
//   only while "Move start" is on (`moveStartByTouch`), when the map takes every touch;
// - keys on the focused map: arrows pan, + / − zoom, 0 resets the view.
// View changes go through the store's setView; the start through setStart.

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ViewWindow } from '../../core/types';
import { panBy, pixelToWorld, wheelFactor, zoomAt, type Size } from './viewTransform';

export interface MapInput {
  /** The window as drawn now (fitted to the element's aspect). */
  readonly view: () => ViewWindow;
  readonly size: () => Size;
  readonly setView: (view: ViewWindow) => void;
  readonly setStart: (start: readonly [number, number]) => void;
  readonly resetView: () => void;
  /** Whether one finger moves the start (the "Move start" toggle) rather than scrolling. */
  readonly moveStartByTouch: () => boolean;
}

/** A press on the map's own buttons and links is theirs, not the map's. */
const onControl = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('button, a, input, select') !== null;

interface Pointer {
  x: number;
  y: number;
}

/** Returns whether a pan is in progress (for the cursor). */
export function useMapInteraction(ref: RefObject<HTMLElement | null>, input: MapInput): boolean {
  const inputRef = useRef(input);
  useEffect(() => {
    inputRef.current = input;
  });
  const [panning, setPanning] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const pointers = new Map<number, Pointer>();
    let mode: 'none' | 'start' | 'pan' | 'pinch' = 'none';
    let pinch: { dist: number; mid: Pointer } | null = null;
    // Pointer moves are coalesced to one store update per animation frame.
    let pending: (() => void) | null = null;
    let raf = 0;
    const later = (fn: () => void) => {
      pending = fn;
      if (raf === 0)
        raf = requestAnimationFrame(() => {
          raf = 0;
          const f = pending;
          pending = null;
          f?.();
        });
    };
    const local = (e: { clientX: number; clientY: number }): Pointer => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const startAt = (p: Pointer) => {
      const i = inputRef.current;
      const [x, y] = pixelToWorld(i.view(), i.size(), p.x, p.y);
      i.setStart([x, y]);
    };
    const twoFinger = () => {
      const [a, b] = [...pointers.values()];
      if (!a || !b) return null;
      return {
        dist: Math.hypot(a.x - b.x, a.y - b.y),
        mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
      };
    };

    const onDown = (e: PointerEvent) => {
      if (onControl(e.target)) return;
      const p = local(e);
      pointers.set(e.pointerId, p);
      const touch = e.pointerType === 'touch';
      if (!touch) el.setPointerCapture?.(e.pointerId); // touches are captured implicitly
      if (pointers.size === 2) {
        mode = 'pinch';
        pinch = twoFinger();
        setPanning(true);
      } else if (pointers.size === 1) {
        if (touch) {
          // One finger: the page scrolls (the browser then cancels this pointer), unless
          // "Move start" is on.
          mode = inputRef.current.moveStartByTouch() ? 'start' : 'none';
          if (mode === 'start') startAt(p);
        } else if (e.button === 1 || e.button === 2 || (e.button === 0 && e.shiftKey)) {
          mode = 'pan';
          setPanning(true);
        } else if (e.button === 0) {
          mode = 'start';
          startAt(p);
        }
      }
      if (e.button === 1) e.preventDefault(); // no autoscroll
    };
    const onMove = (e: PointerEvent) => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      const p = local(e);
      pointers.set(e.pointerId, p);
      const i = inputRef.current;
      if (mode === 'start') {
        later(() => startAt(p));
      } else if (mode === 'pan') {
        const dx = p.x - prev.x;
        const dy = p.y - prev.y;
        i.setView(panBy(i.view(), i.size(), dx, dy));
      } else if (mode === 'pinch' && pinch) {
        const now = twoFinger();
        if (!now || pinch.dist <= 0) return;
        let v = panBy(i.view(), i.size(), now.mid.x - pinch.mid.x, now.mid.y - pinch.mid.y);
        v = zoomAt(v, i.size(), now.mid.x, now.mid.y, now.dist / pinch.dist);
        pinch = now;
        i.setView(v);
      }
    };
    const onUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      if (el.hasPointerCapture?.(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (pointers.size === 0) {
        mode = 'none';
        pinch = null;
        setPanning(false);
      } else if (mode === 'pinch') {
        // One finger left: keep panning with it rather than jumping the start point.
        mode = 'pan';
      }
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const i = inputRef.current;
      const p = local(e);
      i.setView(zoomAt(i.view(), i.size(), p.x, p.y, wheelFactor(e.deltaY, e.deltaMode)));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.target !== el) return;
      const i = inputRef.current;
      const s = i.size();
      const step = e.shiftKey ? 0.02 : 0.1;
      let handled = true;
      switch (e.key) {
        case 'ArrowLeft':
          i.setView(panBy(i.view(), s, s.width * step, 0));
          break;
        case 'ArrowRight':
          i.setView(panBy(i.view(), s, -s.width * step, 0));
          break;
        case 'ArrowUp':
          i.setView(panBy(i.view(), s, 0, s.height * step));
          break;
        case 'ArrowDown':
          i.setView(panBy(i.view(), s, 0, -s.height * step));
          break;
        case '+':
        case '=':
          i.setView(zoomAt(i.view(), s, s.width / 2, s.height / 2, 1.25));
          break;
        case '-':
        case '_':
          i.setView(zoomAt(i.view(), s, s.width / 2, s.height / 2, 0.8));
          break;
        case '0':
        case 'Home':
          i.resetView();
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    const onContext = (e: Event) => e.preventDefault();
    // Two fingers are the map's (pan and zoom), not the page's; so is one while "Move start"
    // is on. Touch events, because only they can stop the browser's own gesture.
    const onTouch = (e: TouchEvent) => {
      if (!e.cancelable || onControl(e.target)) return;
      if (e.touches.length >= 2 || inputRef.current.moveStartByTouch()) e.preventDefault();
    };

    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('keydown', onKey);
    el.addEventListener('contextmenu', onContext);
    el.addEventListener('touchstart', onTouch, { passive: false });
    el.addEventListener('touchmove', onTouch, { passive: false });
    return () => {
      if (raf !== 0) cancelAnimationFrame(raf);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('contextmenu', onContext);
      el.removeEventListener('touchstart', onTouch);
      el.removeEventListener('touchmove', onTouch);
    };
  }, [ref]);

  return panning;
}
