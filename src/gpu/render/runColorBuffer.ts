// The runs' packed RGBA8 colours (packColor) in a storage buffer, one u32 per run of the
// batch, grown when a larger batch comes: shared by the map's trajectory pass and the 3-D
// view's path pass (shaders/render/marks.wgsl unpacks them).

/** '#rrggbb' (or '#rgb') and an alpha to the packed RGBA8 the shader unpacks. */
export function packColor(css: string, alpha = 1): number {
  let hex = css.trim().replace(/^#/, '');
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const v = /^[0-9a-f]{6}$/i.test(hex) ? parseInt(hex, 16) : 0x888888;
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  // unpack4x8unorm reads the lowest byte as r.
  return (((v >> 16) & 255) | (((v >> 8) & 255) << 8) | ((v & 255) << 16) | (a << 24)) >>> 0;
}

export class RunColorBuffer {
  private current: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
  ) {
    this.current = this.make(16);
  }

  get buffer(): GPUBuffer {
    return this.current;
  }

  private make(runs: number): GPUBuffer {
    return this.device.createBuffer({
      label: this.label,
      size: Math.max(16, Math.ceil(runs / 4) * 16), // one u32 per run, rounded up to 16 bytes
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
  }

  /** Writes the colours; true when the buffer was replaced (bind groups holding it are stale). */
  set(colors: Uint32Array<ArrayBuffer>): boolean {
    let replaced = false;
    if (colors.length * 4 > this.current.size) {
      this.current.destroy();
      this.current = this.make(colors.length);
      replaced = true;
    }
    if (colors.length > 0) this.device.queue.writeBuffer(this.current, 0, colors);
    return replaced;
  }

  destroy(): void {
    this.current.destroy();
  }
}
