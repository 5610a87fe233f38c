// Pointer, wheel and keyboard input on the 3-D view, all written to the config's orbit:
// - drag (mouse or one finger): orbit; wheel or two-finger pinch: zoom;
// - keys on the focused view: arrows orbit, + / − zoom, 0 resets the camera.

import { useEffect, useState, type RefObject } from 'react';
import { DEFAULT_ORBIT } from '../../core/orbit';
import { setOrbit, useStore } from '../store';
import { dragOrbit, keyOrbit, zoomOrbit } from './camera';

/** Distance factor per wheel pixel (deltaY 100 ≈ 16 % closer or farther). */
const WHEEL_ZOOM = 0.0015;

/** Returns whether a drag is in progress (for the cursor). */
export function useOrbitInput(ref: RefObject<HTMLElement | null>): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let pinch = 0;
    const orbit = () => useStore.getState().config.orbit;
    const spread = () => {
      const [a, b] = [...pointers.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 && e.pointerType === 'mouse') return;
      el.focus({ preventScroll: true });
      el.setPointerCapture?.(e.pointerId);
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      pinch = spread();
      setDragging(true);
    };
    const onMove = (e: PointerEvent) => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      const next = { x: e.clientX, y: e.clientY };
      pointers.set(e.pointerId, next);
      if (pointers.size >= 2) {
        const now = spread();
        if (pinch > 0 && now > 0) setOrbit(zoomOrbit(orbit(), pinch / now));
        pinch = now;
      } else {
        setOrbit(dragOrbit(orbit(), next.x - prev.x, next.y - prev.y));
      }
    };
    const onUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      pinch = spread();
      if (pointers.size === 0) setDragging(false);
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const px = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      setOrbit(zoomOrbit(orbit(), Math.exp(Math.max(-200, Math.min(200, px)) * WHEEL_ZOOM)));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '0') {
        setOrbit({
          yaw: DEFAULT_ORBIT.yaw,
          pitch: DEFAULT_ORBIT.pitch,
          distance: DEFAULT_ORBIT.distance,
        });
        e.preventDefault();
        return;
      }
      const next = keyOrbit(orbit(), e.key);
      if (!next) return;
      setOrbit(next);
      e.preventDefault();
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('keydown', onKey);
    };
  }, [ref]);
  return dragging;
}
