import type { Decompressor } from "./compress";
import { SquashfsError, corrupt } from "./errors";
import type { ByteSource } from "./source";

/** Metadata blocks (inodes, directories, fragment/id tables) hold at most 8 KiB each. */
export const METADATA_BLOCK_SIZE = 8192;
const UNCOMPRESSED_BIT = 0x8000;

interface MetaBlock {
  data: Buffer;
  /** Disk offset of the following metadata block. */
  next: number;
}

/**
 * Reads and caches decompressed metadata blocks, keyed by disk offset.
 *
 * `budget` bounds the work a hostile image can cause: every decompressed block AND every byte handed
 * out by a cursor counts against it (cache hits included), so cyclic or self-referencing structures
 * cannot loop forever on cached blocks.
 */
export class MetadataReader {
  private cache = new Map<number, Promise<MetaBlock>>();
  private used = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly decompress: Decompressor,
    private readonly budget: number,
    private readonly maxCachedBlocks = 512,
  ) {}

  get bytesUsed(): number {
    return this.used;
  }

  charge(n: number): void {
    this.used += n;
    if (this.used > this.budget) {
      throw new SquashfsError("too-large", `reading this image needs more than ${this.budget} bytes of metadata (limit maxMetadataBytes)`);
    }
  }

  /** The metadata block at disk offset `pos`, which must lie within [tableStart, tableEnd). */
  block(pos: number, tableStart: number, tableEnd: number): Promise<MetaBlock> {
    if (pos < tableStart || pos + 2 > tableEnd) {
      return Promise.reject(corrupt(`metadata block at ${pos} lies outside its table`));
    }
    const hit = this.cache.get(pos);
    if (hit) {
      this.cache.delete(pos); // refresh LRU position
      this.cache.set(pos, hit);
      return hit;
    }
    const p = this.load(pos, tableEnd);
    this.cache.set(pos, p);
    p.catch(() => this.cache.delete(pos));
    if (this.cache.size > this.maxCachedBlocks) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.delete(oldest);
    }
    return p;
  }

  private async load(pos: number, tableEnd: number): Promise<MetaBlock> {
    // One read covers the 2-byte header and the largest possible block.
    const raw = await this.source.read(pos, Math.min(2 + METADATA_BLOCK_SIZE, tableEnd - pos));
    const header = raw.readUInt16LE(0);
    const size = header & ~UNCOMPRESSED_BIT;
    if (size === 0 || size > METADATA_BLOCK_SIZE) throw corrupt(`metadata block at ${pos} has invalid size ${size}`);
    if (2 + size > raw.length) throw corrupt(`metadata block at ${pos} runs past the end of its table`);
    const stored = raw.subarray(2, 2 + size);
    let data: Buffer;
    if (header & UNCOMPRESSED_BIT) {
      data = stored;
    } else {
      data = this.decompress(stored, METADATA_BLOCK_SIZE);
    }
    this.charge(data.length);
    return { data, next: pos + 2 + size };
  }
}

/** Sequential reader over a metadata table, crossing block boundaries transparently. */
export class MetaCursor {
  constructor(
    private readonly reader: MetadataReader,
    private readonly tableStart: number,
    private readonly tableEnd: number,
    public pos: number,
    public offset: number,
  ) {
    if (offset > METADATA_BLOCK_SIZE) throw corrupt("metadata offset out of range");
  }

  clone(): MetaCursor {
    return new MetaCursor(this.reader, this.tableStart, this.tableEnd, this.pos, this.offset);
  }

  async read(n: number): Promise<Buffer> {
    this.reader.charge(n);
    let out: Buffer | null = null;
    let done = 0;
    while (done < n) {
      const blk = await this.reader.block(this.pos, this.tableStart, this.tableEnd);
      if (this.offset > blk.data.length) throw corrupt("metadata offset beyond end of block");
      const avail = blk.data.length - this.offset;
      if (avail === 0) {
        this.pos = blk.next;
        this.offset = 0;
        continue;
      }
      const take = Math.min(avail, n - done);
      const chunk = blk.data.subarray(this.offset, this.offset + take);
      this.offset += take;
      if (take === n) return chunk; // common case: entirely inside one block, no copy
      out ??= Buffer.alloc(n);
      chunk.copy(out, done);
      done += take;
    }
    return out ?? Buffer.alloc(0);
  }
}
