/**
 * A minimal writer for the ONNX protobuf format: just the messages and fields needed to describe a small inference
 * graph (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto). Field numbers follow
 * onnx/onnx.proto; see https://github.com/onnx/onnx/blob/main/onnx/onnx.proto.
 */

class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      out.push(byte);
    } while (v !== 0n);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** TensorProto.DataType values used here. */
export const OnnxType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;
export type OnnxTypeCode = (typeof OnnxType)[keyof typeof OnnxType];

export type OnnxAttribute = number | number[] | { ints: number[] } | { float: number };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, OnnxAttribute>;
}

export interface OnnxInitializer {
  name: string;
  type: OnnxTypeCode;
  dims: number[];
  data: Float32Array | Int32Array | BigInt64Array;
}

export interface OnnxValueInfo {
  name: string;
  type: OnnxTypeCode;
  /** A number for a fixed size, a string for a named dynamic one. */
  dims: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  opset: number;
}

// AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;

function writeAttribute(w: ProtoWriter, name: string, value: OnnxAttribute): void {
  w.string(1, name);
  if (typeof value === 'number') {
    w.int(3, value).int(20, ATTR_INT);
  } else if (Array.isArray(value) || 'ints' in value) {
    for (const v of Array.isArray(value) ? value : value.ints) w.int(8, v);
    w.int(20, ATTR_INTS);
  } else {
    w.float(2, value.float).int(20, ATTR_FLOAT);
  }
}

function writeValueInfo(w: ProtoWriter, info: OnnxValueInfo): void {
  w.string(1, info.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, info.type);
      tensor.message(2, (shape) => {
        for (const dim of info.dims) shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
      });
    }),
  );
}

/** Serialises a graph as an ONNX ModelProto. */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const model = new ProtoWriter();
  model.int(1, 8); // ir_version
  model.string(2, 'iom-cite-assistant');
  model.message(8, (opset) => opset.string(1, '').int(2, graph.opset));
  model.message(7, (g) => {
    graph.nodes.forEach((node, index) => {
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `${node.op}_${index}`);
        n.string(4, node.op);
        for (const [name, value] of Object.entries(node.attributes ?? {})) n.message(5, (a) => writeAttribute(a, name, value));
      });
    });
    g.string(2, graph.name);
    for (const init of graph.initializers) {
      g.message(5, (t) => {
        for (const dim of init.dims) t.int(1, dim);
        t.int(2, init.type);
        t.string(8, init.name);
        t.bytes(9, new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength));
      });
    }
    for (const input of graph.inputs) g.message(11, (v) => writeValueInfo(v, input));
    for (const output of graph.outputs) g.message(12, (v) => writeValueInfo(v, output));
  });
  return model.finish();
}
