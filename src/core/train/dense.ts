// A Linear layer's float64 kernels (nn.Linear: out = in · Wᵀ + b, W of shape [outputs, inputs]
// row-major), shared by the MLP and the CNN's last layer. Every buffer is the caller's; the
// loops are written for V8: plain indexed typed-array access, several independent
// accumulators so the adds do not wait on one another.

/**
 * dst[n, j] = Σ_i W[j, i]·src[n, i] + b[j] for n < count (the bias added after the dot
 * product, as addmm adds β·bias to the product).
 */
export function denseForward(
  params: Float64Array,
  weightOffset: number,
  biasOffset: number,
  src: Float64Array,
  inputs: number,
  dst: Float64Array,
  outputs: number,
  count: number,
): void {
  for (let n = 0; n < count; n++) {
    const s = n * inputs;
    const d = n * outputs;
    let j = 0;
    // Four outputs at once share each input load.
    for (; j + 4 <= outputs; j += 4) {
      const w0 = weightOffset + j * inputs;
      const w1 = w0 + inputs;
      const w2 = w1 + inputs;
      const w3 = w2 + inputs;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let i = 0; i < inputs; i++) {
        const v = src[s + i] as number;
        a0 += (params[w0 + i] as number) * v;
        a1 += (params[w1 + i] as number) * v;
        a2 += (params[w2 + i] as number) * v;
        a3 += (params[w3 + i] as number) * v;
      }
      dst[d + j] = a0 + (params[biasOffset + j] as number);
      dst[d + j + 1] = a1 + (params[biasOffset + j + 1] as number);
      dst[d + j + 2] = a2 + (params[biasOffset + j + 2] as number);
      dst[d + j + 3] = a3 + (params[biasOffset + j + 3] as number);
    }
    for (; j < outputs; j++) {
      const w = weightOffset + j * inputs;
      let a = 0;
      for (let i = 0; i < inputs; i++) a += (params[w + i] as number) * (src[s + i] as number);
      dst[d + j] = a + (params[biasOffset + j] as number);
    }
  }
}

/**
 * The weight and bias gradients of a Linear layer: gW[j, i] = Σ_n δ[n, j]·src[n, i],
 * gb[j] = Σ_n δ[n, j], written over grad at the layer's offsets.
 */
export function denseWeightGrad(
  delta: Float64Array,
  src: Float64Array,
  inputs: number,
  outputs: number,
  count: number,
  grad: Float64Array,
  weightOffset: number,
  biasOffset: number,
): void {
  for (let j = 0; j < outputs; j++) {
    const row = weightOffset + j * inputs;
    grad.fill(0, row, row + inputs);
    let biasSum = 0;
    let n = 0;
    // Four samples at once: one read and one write of the gradient row per four samples.
    for (; n + 4 <= count; n += 4) {
      const d0 = delta[n * outputs + j] as number;
      const d1 = delta[(n + 1) * outputs + j] as number;
      const d2 = delta[(n + 2) * outputs + j] as number;
      const d3 = delta[(n + 3) * outputs + j] as number;
      biasSum += d0;
      biasSum += d1;
      biasSum += d2;
      biasSum += d3;
      // Rows whose δ is 0 (a relu that is off, a pooled value not picked) add nothing.
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
      const s0 = n * inputs;
      const s1 = s0 + inputs;
      const s2 = s1 + inputs;
      const s3 = s2 + inputs;
      for (let i = 0; i < inputs; i++) {
        grad[row + i] =
          (grad[row + i] as number) +
          (d0 * (src[s0 + i] as number) +
            d1 * (src[s1 + i] as number) +
            (d2 * (src[s2 + i] as number) + d3 * (src[s3 + i] as number)));
      }
    }
    for (; n < count; n++) {
      const dv = delta[n * outputs + j] as number;
      biasSum += dv;
      if (dv === 0) continue;
      const s = n * inputs;
      for (let i = 0; i < inputs; i++)
        grad[row + i] = (grad[row + i] as number) + dv * (src[s + i] as number);
    }
    grad[biasOffset + j] = biasSum;
  }
}

/** The gradient with respect to the layer's input: dSrc[n, i] = Σ_j δ[n, j]·W[j, i]. */
export function denseInputGrad(
  params: Float64Array,
  weightOffset: number,
  delta: Float64Array,
  inputs: number,
  outputs: number,
  count: number,
  dSrc: Float64Array,
): void {
  for (let n = 0; n < count; n++) {
    const s = n * inputs;
    dSrc.fill(0, s, s + inputs);
    for (let j = 0; j < outputs; j++) {
      const dv = delta[n * outputs + j] as number;
      if (dv === 0) continue;
      const w = weightOffset + j * inputs;
      for (let i = 0; i < inputs; i++)
        dSrc[s + i] = (dSrc[s + i] as number) + dv * (params[w + i] as number);
    }
  }
}

/**
 * The nonzero values of each gathered input row: for row n, nnz[n] indices into
 * index[n·inputs …]. MNIST rows are ~80 % zeros, and a zero input adds nothing to a dot
 * product or to a weight gradient, so the first layer reads only these.
 */
export function indexNonzeros(
  src: Float64Array,
  inputs: number,
  count: number,
  index: Int32Array,
  nnz: Int32Array,
): number {
  let total = 0;
  for (let n = 0; n < count; n++) {
    const s = n * inputs;
    let k = 0;
    for (let i = 0; i < inputs; i++) if ((src[s + i] as number) !== 0) index[s + k++] = i;
    nnz[n] = k;
    total += k;
  }
  return total;
}

/** denseForward reading only the nonzero inputs (the same sums: zeros add nothing). */
export function denseForwardSparse(
  params: Float64Array,
  weightOffset: number,
  biasOffset: number,
  src: Float64Array,
  index: Int32Array,
  nnz: Int32Array,
  inputs: number,
  dst: Float64Array,
  outputs: number,
  count: number,
): void {
  for (let n = 0; n < count; n++) {
    const s = n * inputs;
    const end = s + (nnz[n] as number);
    const d = n * outputs;
    let j = 0;
    for (; j + 4 <= outputs; j += 4) {
      const w0 = weightOffset + j * inputs;
      const w1 = w0 + inputs;
      const w2 = w1 + inputs;
      const w3 = w2 + inputs;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let k = s; k < end; k++) {
        const i = index[k] as number;
        const v = src[s + i] as number;
        a0 += (params[w0 + i] as number) * v;
        a1 += (params[w1 + i] as number) * v;
        a2 += (params[w2 + i] as number) * v;
        a3 += (params[w3 + i] as number) * v;
      }
      dst[d + j] = a0 + (params[biasOffset + j] as number);
      dst[d + j + 1] = a1 + (params[biasOffset + j + 1] as number);
      dst[d + j + 2] = a2 + (params[biasOffset + j + 2] as number);
      dst[d + j + 3] = a3 + (params[biasOffset + j + 3] as number);
    }
    for (; j < outputs; j++) {
      const w = weightOffset + j * inputs;
      let a = 0;
      for (let k = s; k < end; k++) {
        const i = index[k] as number;
        a += (params[w + i] as number) * (src[s + i] as number);
      }
      dst[d + j] = a + (params[biasOffset + j] as number);
    }
  }
}

/** denseWeightGrad reading only the nonzero inputs. */
export function denseWeightGradSparse(
  delta: Float64Array,
  src: Float64Array,
  index: Int32Array,
  nnz: Int32Array,
  inputs: number,
  outputs: number,
  count: number,
  grad: Float64Array,
  weightOffset: number,
  biasOffset: number,
): void {
  for (let j = 0; j < outputs; j++) {
    const row = weightOffset + j * inputs;
    grad.fill(0, row, row + inputs);
    let biasSum = 0;
    for (let n = 0; n < count; n++) {
      const dv = delta[n * outputs + j] as number;
      biasSum += dv;
      if (dv === 0) continue;
      const s = n * inputs;
      const end = s + (nnz[n] as number);
      for (let k = s; k < end; k++) {
        const i = index[k] as number;
        grad[row + i] = (grad[row + i] as number) + dv * (src[s + i] as number);
      }
    }
    grad[biasOffset + j] = biasSum;
  }
}
