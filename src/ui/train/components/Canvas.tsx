// A canvas that paints RGBA pixels of a w×h image, scaled up without smoothing.
import { useEffect, useRef } from 'react';

export function PixelCanvas({
  pixels,
  width,
  height,
  scale,
  label,
  className,
}: {
  pixels: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  scale: number;
  label: string;
  className?: string;
}) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  }, [pixels, width, height]);
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      className={`pixels ${className ?? ''}`}
      style={{ width: width * scale, height: height * scale }}
      role="img"
      aria-label={label}
    />
  );
}
