// A uniform buffer cut into 256-byte slots read with a dynamic offset, so that many draws
// in one command buffer (grid cells, halo + path + markers) each see their own values:
// queue.writeBuffer lands before the submit, so one slot cannot be rewritten between draws.

/** minUniformBufferOffsetAlignment is at most 256 on every adapter. */
export const SLOT_BYTES = 256;

export class UniformSlots {
  private buffer: GPUBuffer;
  private capacity: number;
  private readonly staging = new ArrayBuffer(SLOT_BYTES);

  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
    /** Bytes the shader's struct occupies (≤ SLOT_BYTES). */
    readonly structBytes: number,
    slots = 4,
  ) {
    this.capacity = slots;
    this.buffer = this.create(slots);
  }

  private create(slots: number): GPUBuffer {
    return this.device.createBuffer({
      label: this.label,
      size: slots * SLOT_BYTES, // slots × 256 bytes
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
  }

  get gpuBuffer(): GPUBuffer {
    return this.buffer;
  }

  /**
   * Makes room for `slots` slots. Returns true when the buffer was replaced (bind groups that
   * hold it must be rebuilt). Call before encoding a frame, never between its draws.
   */
  ensure(slots: number): boolean {
    if (slots <= this.capacity) return false;
    const next = Math.max(slots, this.capacity * 2);
    this.buffer.destroy();
    this.buffer = this.create(next);
    this.capacity = next;
    return true;
  }

  /** Writes one slot: `fill` gets views over the slot's bytes. */
  write(slot: number, fill: (f32: Float32Array, u32: Uint32Array) => void): number {
    const f32 = new Float32Array(this.staging, 0, this.structBytes / 4);
    const u32 = new Uint32Array(this.staging, 0, this.structBytes / 4);
    f32.fill(0);
    fill(f32, u32);
    this.device.queue.writeBuffer(
      this.buffer,
      slot * SLOT_BYTES,
      this.staging,
      0,
      this.structBytes,
    );
    return slot * SLOT_BYTES;
  }

  destroy(): void {
    this.buffer.destroy();
  }
}
