import { decompressorFor, type Compression, type Decompressor } from "./compress";
import { SquashfsError, corrupt } from "./errors";
import { BASIC_TYPES, NO_FRAGMENT, readInode, type EntryType, type Inode } from "./inode";
import { METADATA_BLOCK_SIZE, MetaCursor, MetadataReader } from "./metadata";
import type { ByteSource } from "./source";
import { NO_TABLE, readSuperblock, readU64, type InodeRef, type Superblock } from "./superblock";

export interface SquashfsLimits {
  /** Total metadata bytes (decompressed blocks + bytes parsed, cache hits included). Default 256 MiB. */
  maxMetadataBytes?: number;
  /** Default cap for readFile. Default 64 MiB. */
  maxFileBytes?: number;
}

export interface SquashfsEntry {
  /** Path from the image root without a leading slash, e.g. "meta/snap.yaml"; "" for the root. */
  path: string;
  name: string;
  type: EntryType;
  /** File: content bytes. Symlink: target length. Dir: squashfs listing size (+3). Others: 0. */
  size: number;
  /** Full st_mode (type bits | permissions), as stat(2) reports it. */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  nlink: number;
  inodeNumber: number;
  symlinkTarget?: string;
}

export interface SquashfsImage {
  readonly compression: Compression;
  readonly blockSize: number;
  readonly inodeCount: number;
  readonly bytesUsed: number;
  readonly version: { major: number; minor: number };
  readonly flags: number;
  stat(path: string): Promise<SquashfsEntry | null>;
  readdir(path: string): Promise<SquashfsEntry[]>;
  /**
   * How many entries a directory has, counting no further than `limit + 1` (so a directory of
   * 100,000 entries costs as much as one of `limit`): names only, no inode is read. 0 when the
   * path is not a directory.
   */
  countEntries(path: string, limit: number): Promise<number>;
  readFile(path: string, opts?: { maxBytes?: number }): Promise<Buffer>;
  walk(): AsyncIterable<SquashfsEntry>;
}

export const DEFAULT_MAX_METADATA_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_SYMLINK_FOLLOWS = 40;
const MAX_DIR_ENTRIES_PER_HEADER = 256;
const MAX_NAME = 256;
const DATA_UNCOMPRESSED_BIT = 1 << 24;
// Parsed directory listings kept for path lookups (bounded by total entries).
const DIR_CACHE_MAX_ENTRIES = 100_000;
const FRAGMENT_CACHE_BLOCKS = 8;

interface DirEntry {
  name: string;
  type: EntryType;
  ref: InodeRef;
}

export async function openSquashfs(source: ByteSource, limits: SquashfsLimits = {}): Promise<SquashfsImage> {
  return guard(async () => {
    const sb = await readSuperblock(source);
    const image = new Image(source, sb, decompressorFor(sb.compression), limits);
    await image.init();
    return image;
  });
}

/**
 * Turns accidental JS errors from parsing hostile bytes (RangeError from Buffer reads, TypeError)
 * into SquashfsError, so callers see one error type. The "internal error" prefix lets fuzz tests
 * flag them as bugs. I/O errors from the source pass through unchanged.
 */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw wrap(e);
  }
}

function wrap(e: unknown): unknown {
  if (e instanceof RangeError || e instanceof TypeError) {
    return corrupt(`internal error while parsing image: ${e.message}`, e);
  }
  return e;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((c) => c !== "" && c !== ".");
}

class Image implements SquashfsImage {
  readonly compression: Compression;
  readonly blockSize: number;
  readonly inodeCount: number;
  readonly bytesUsed: number;
  readonly version: { major: number; minor: number };
  readonly flags: number;

  private readonly meta: MetadataReader;
  private readonly maxFileBytes: number;
  private ids: number[] = [];
  private root!: Inode;
  private dirCache = new Map<string, Map<string, DirEntry>>();
  private dirCacheEntries = 0;
  private badDirs = new Map<string, SquashfsError>();
  private fragmentIndex = new Map<number, number>();
  private fragmentBlocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly source: ByteSource,
    private readonly sb: Superblock,
    private readonly decompress: Decompressor,
    limits: SquashfsLimits,
  ) {
    this.compression = sb.compression;
    this.blockSize = sb.blockSize;
    this.inodeCount = sb.inodeCount;
    this.bytesUsed = sb.bytesUsed;
    this.version = { major: sb.major, minor: sb.minor };
    this.flags = sb.flags;
    this.meta = new MetadataReader(source, decompress, limits.maxMetadataBytes ?? DEFAULT_MAX_METADATA_BYTES);
    this.maxFileBytes = limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  async init(): Promise<void> {
    await this.readIds();
    this.root = await this.inodeAt(this.sb.rootInode);
    if (this.root.type !== "dir") throw corrupt("root inode is not a directory");
  }

  // ---- tables -------------------------------------------------------------------------------

  /** uid/gid table: u64 pointers at id_table_start to metadata blocks of 2048 u32 ids each. */
  private async readIds(): Promise<void> {
    const { idCount, idTableStart } = this.sb;
    const nBlocks = Math.ceil(idCount / 2048);
    const ptrs = await this.source.read(idTableStart, 8 * nBlocks);
    for (let i = 0; i < nBlocks; i++) {
      const ptr = readU64(ptrs, 8 * i, "id table pointer");
      const n = Math.min(2048, idCount - i * 2048);
      // The id blocks precede their pointer array.
      const c = new MetaCursor(this.meta, 0, idTableStart, ptr === NO_TABLE ? -1 : ptr, 0);
      const b = await c.read(4 * n);
      for (let j = 0; j < n; j++) this.ids.push(b.readUInt32LE(4 * j));
    }
  }

  private id(index: number): number {
    if (index >= this.ids.length) throw corrupt(`uid/gid index ${index} is outside the id table`);
    return this.ids[index];
  }

  private inodeAt(ref: InodeRef): Promise<Inode> {
    const { inodeTableStart, directoryTableStart } = this.sb;
    const c = new MetaCursor(this.meta, inodeTableStart, directoryTableStart, inodeTableStart + ref.block, ref.offset);
    return readInode(c);
  }

  /** Fragment table entry: where the fragment block is and its on-disk size word. */
  private async fragment(index: number): Promise<{ start: number; sizeWord: number }> {
    const { fragmentCount, fragmentTableStart } = this.sb;
    if (index >= fragmentCount) throw corrupt(`fragment index ${index} is outside the fragment table`);
    const k = Math.floor(index / 512);
    let ptr = this.fragmentIndex.get(k);
    if (ptr === undefined) {
      ptr = readU64(await this.source.read(fragmentTableStart + 8 * k, 8), 0, "fragment table pointer");
      this.fragmentIndex.set(k, ptr);
    }
    const c = new MetaCursor(this.meta, 0, fragmentTableStart, ptr, (index % 512) * 16);
    const e = await c.read(16);
    return { start: readU64(e, 0, "fragment offset"), sizeWord: e.readUInt32LE(8) };
  }

  // ---- directories --------------------------------------------------------------------------

  /** Stream the entries of a directory inode straight from the directory table. */
  private async *listing(dir: Inode): AsyncGenerator<DirEntry> {
    const { directoryTableStart, bytesUsed } = this.sb;
    if (dir.size < 3) throw corrupt("directory size is invalid");
    let remaining = dir.size - 3; // mksquashfs counts "." and ".." as 3 bytes
    if (remaining === 0) return;
    const c = new MetaCursor(this.meta, directoryTableStart, bytesUsed, directoryTableStart + dir.dirBlock!, dir.dirOffset!);
    while (remaining > 0) {
      if (remaining < 12) throw corrupt("directory listing ends inside a header");
      const h = await c.read(12);
      remaining -= 12;
      const count = h.readUInt32LE(0) + 1;
      const start = h.readUInt32LE(4);
      if (count > MAX_DIR_ENTRIES_PER_HEADER) throw corrupt("directory header has too many entries");
      for (let i = 0; i < count; i++) {
        if (remaining < 8) throw corrupt("directory listing ends inside an entry");
        const e = await c.read(8);
        const offset = e.readUInt16LE(0);
        const rawType = e.readUInt16LE(4);
        const nameLen = e.readUInt16LE(6) + 1;
        remaining -= 8;
        if (nameLen > MAX_NAME || nameLen > remaining) throw corrupt("directory entry name is too long");
        const nameBuf = await c.read(nameLen);
        remaining -= nameLen;
        const type = BASIC_TYPES[rawType];
        if (!type) throw corrupt(`invalid directory entry type ${rawType}`);
        if (offset >= METADATA_BLOCK_SIZE) throw corrupt("directory entry inode offset out of range");
        if (nameBuf.includes(0x2f) || nameBuf.includes(0)) throw corrupt("directory entry name contains '/' or NUL");
        const name = nameBuf.toString("utf8");
        if (name === "." || name === "..") throw corrupt("directory entry named '.' or '..'");
        yield { name, type, ref: { block: start, offset } };
      }
    }
  }

  private async lookup(dir: Inode, name: string): Promise<DirEntry | null> {
    const key = `${dir.dirBlock}:${dir.dirOffset}:${dir.size}`;
    const bad = this.badDirs.get(key);
    if (bad) throw bad; // a listing that failed once fails again; don't re-parse it per lookup
    let map = this.dirCache.get(key);
    if (!map) {
      map = new Map();
      try {
        for await (const e of this.listing(dir)) if (!map.has(e.name)) map.set(e.name, e);
      } catch (e) {
        if (e instanceof SquashfsError && e.code === "corrupt" && this.badDirs.size < 1024) this.badDirs.set(key, e);
        throw e;
      }
      this.dirCache.set(key, map);
      this.dirCacheEntries += map.size;
      while (this.dirCacheEntries > DIR_CACHE_MAX_ENTRIES && this.dirCache.size > 1) {
        const [oldKey, old] = this.dirCache.entries().next().value as [string, Map<string, DirEntry>];
        this.dirCache.delete(oldKey);
        this.dirCacheEntries -= old.size;
      }
    }
    return map.get(name) ?? null;
  }

  // ---- path resolution ----------------------------------------------------------------------

  /**
   * Resolve a path inside the image. Symlinks met on the way are followed with chroot semantics:
   * absolute targets restart at the image root and ".." never climbs above it, so resolution never
   * leaves the image. The final component is followed only when `followFinal`.
   */
  private async resolve(path: string, followFinal: boolean): Promise<{ inode: Inode; path: string; name: string }> {
    const queue = splitPath(path);
    const stack: { inode: Inode; name: string }[] = [];
    let follows = 0;
    let current = this.root;
    while (queue.length > 0) {
      const comp = queue.shift()!;
      if (comp === "..") {
        stack.pop();
        current = stack.length ? stack[stack.length - 1].inode : this.root;
        continue;
      }
      if (current.type !== "dir") {
        throw new SquashfsError("not-a-directory", `${stack.map((s) => s.name).join("/")} is not a directory`);
      }
      const entry = comp.length <= MAX_NAME ? await this.lookup(current, comp) : null;
      if (!entry) {
        throw new SquashfsError("not-found", `${[...stack.map((s) => s.name), comp].join("/")} does not exist`);
      }
      const inode = await this.inodeAt(entry.ref);
      if (inode.type === "symlink" && (queue.length > 0 || followFinal)) {
        if (++follows > MAX_SYMLINK_FOLLOWS) {
          throw new SquashfsError("symlink-loop", `too many levels of symbolic links resolving ${path}`);
        }
        const target = inode.target!;
        if (target.startsWith("/")) {
          stack.length = 0;
          current = this.root;
        }
        queue.unshift(...splitPath(target));
        continue;
      }
      stack.push({ inode, name: comp });
      current = inode;
    }
    return {
      inode: current,
      path: stack.map((s) => s.name).join("/"),
      name: stack.length ? stack[stack.length - 1].name : "",
    };
  }

  private toEntry(inode: Inode, path: string, name: string): SquashfsEntry {
    const entry: SquashfsEntry = {
      path,
      name,
      type: inode.type,
      size: inode.size,
      mode: inode.mode,
      uid: this.id(inode.uidIndex),
      gid: this.id(inode.gidIndex),
      mtime: inode.mtime,
      nlink: inode.nlink,
      inodeNumber: inode.inodeNumber,
    };
    if (inode.type === "symlink") entry.symlinkTarget = inode.target;
    return entry;
  }

  // ---- public API ---------------------------------------------------------------------------

  stat(path: string): Promise<SquashfsEntry | null> {
    return guard(async () => {
      try {
        const r = await this.resolve(path, false);
        return this.toEntry(r.inode, r.path, r.name);
      } catch (e) {
        if (e instanceof SquashfsError && (e.code === "not-found" || e.code === "not-a-directory")) return null;
        throw e;
      }
    });
  }

  readdir(path: string): Promise<SquashfsEntry[]> {
    return guard(async () => {
      const r = await this.resolve(path, true);
      if (r.inode.type !== "dir") throw new SquashfsError("not-a-directory", `${path} is not a directory`);
      const out: SquashfsEntry[] = [];
      for await (const e of this.listing(r.inode)) {
        const inode = await this.inodeAt(e.ref);
        this.checkEntryType(e, inode);
        out.push(this.toEntry(inode, r.path ? `${r.path}/${e.name}` : e.name, e.name));
      }
      return out;
    });
  }

  countEntries(path: string, limit: number): Promise<number> {
    return guard(async () => {
      let r: { inode: Inode };
      try {
        r = await this.resolve(path, true);
      } catch (e) {
        if (e instanceof SquashfsError && (e.code === "not-found" || e.code === "not-a-directory")) return 0;
        throw e;
      }
      if (r.inode.type !== "dir") return 0;
      let n = 0;
      for await (const _ of this.listing(r.inode)) if (++n > limit) break;
      return n;
    });
  }

  private checkEntryType(e: DirEntry, inode: Inode): void {
    if (e.type !== inode.type) throw corrupt(`directory entry ${e.name} disagrees with its inode type`);
  }

  walk(): AsyncIterable<SquashfsEntry> {
    return {
      [Symbol.asyncIterator]: () => {
        const gen = this.walkGen();
        // Wrap next() so parse bugs surface as SquashfsError like every other method.
        return {
          next: () => guard(() => gen.next()),
          return: (v?: unknown) => gen.return(v as undefined),
        } as AsyncIterator<SquashfsEntry>;
      },
    };
  }

  /** Depth-first, parents before children, entries in directory (sorted) order. Iterative: no deep recursion. */
  private async *walkGen(): AsyncGenerator<SquashfsEntry> {
    // Keyed by listing position; empty directories (size 3) have no listing and may share one.
    const seenDirs = new Set<string>();
    const dirKey = (d: Inode) => `${d.dirBlock}:${d.dirOffset}`;
    if (this.root.size > 3) seenDirs.add(dirKey(this.root));
    const stack: { it: AsyncGenerator<DirEntry>; path: string }[] = [{ it: this.listing(this.root), path: "" }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const n = await top.it.next();
      if (n.done) {
        stack.pop();
        continue;
      }
      const e = n.value;
      const inode = await this.inodeAt(e.ref);
      this.checkEntryType(e, inode);
      const path = top.path ? `${top.path}/${e.name}` : e.name;
      yield this.toEntry(inode, path, e.name);
      if (inode.type === "dir" && inode.size > 3) {
        // Directories cannot be hard-linked; a repeat means a cycle in a corrupt image.
        const k = dirKey(inode);
        if (seenDirs.has(k)) throw corrupt(`directory ${path} loops back to an ancestor`);
        seenDirs.add(k);
        stack.push({ it: this.listing(inode), path });
      }
    }
  }

  readFile(path: string, opts: { maxBytes?: number } = {}): Promise<Buffer> {
    return guard(async () => {
      const maxBytes = opts.maxBytes ?? this.maxFileBytes;
      const r = await this.resolve(path, false);
      if (r.inode.type !== "file") {
        throw new SquashfsError("not-a-file", `${r.path || "/"} is a ${r.inode.type === "dir" ? "directory" : r.inode.type}, not a regular file`);
      }
      if (r.inode.size > maxBytes) {
        throw new SquashfsError("too-large", `${r.path} is ${r.inode.size} bytes; the limit is ${maxBytes}`);
      }
      return this.readData(r.inode);
    });
  }

  private async readData(inode: Inode): Promise<Buffer> {
    const { blockSize, bytesUsed } = this.sb;
    const size = inode.size;
    const hasFragment = inode.fragment !== NO_FRAGMENT;
    const nBlocks = hasFragment ? Math.floor(size / blockSize) : Math.ceil(size / blockSize);
    const tail = size - nBlocks * blockSize;
    const out = Buffer.alloc(size); // size was checked against maxBytes by the caller
    if (nBlocks > 0) {
      const sizes = await inode.blockList!.read(4 * nBlocks);
      let pos = inode.blocksStart!;
      for (let i = 0; i < nBlocks; i++) {
        const word = sizes.readUInt32LE(4 * i);
        const expect = Math.min(blockSize, size - i * blockSize);
        if (word === 0) continue; // sparse block: zeros
        if (word >>> 25) throw corrupt("invalid data block size");
        const onDisk = word & (DATA_UNCOMPRESSED_BIT - 1);
        if (onDisk > blockSize) throw corrupt("data block larger than the block size");
        if (pos + onDisk > bytesUsed) throw corrupt("data block lies outside the image");
        const raw = await this.source.read(pos, onDisk);
        pos += onDisk;
        const data = word & DATA_UNCOMPRESSED_BIT ? raw : this.decompress(raw, blockSize);
        if (data.length !== expect) throw corrupt(`data block ${i} has ${data.length} bytes, expected ${expect}`);
        data.copy(out, i * blockSize);
      }
    }
    if (hasFragment && tail > 0) {
      const frag = await this.fragmentBlock(inode.fragment!);
      const off = inode.fragmentOffset!;
      if (off + tail > frag.length) throw corrupt("file tail lies outside its fragment block");
      frag.copy(out, nBlocks * blockSize, off, off + tail);
    }
    return out;
  }

  private fragmentBlock(index: number): Promise<Buffer> {
    const hit = this.fragmentBlocks.get(index);
    if (hit) return hit;
    const p = (async () => {
      const { start, sizeWord } = await this.fragment(index);
      if (sizeWord >>> 25) throw corrupt("invalid fragment size");
      const onDisk = sizeWord & (DATA_UNCOMPRESSED_BIT - 1);
      if (onDisk === 0 || onDisk > this.sb.blockSize) throw corrupt("invalid fragment size");
      if (start === NO_TABLE || start + onDisk > this.sb.bytesUsed) throw corrupt("fragment lies outside the image");
      const raw = await this.source.read(start, onDisk);
      return sizeWord & DATA_UNCOMPRESSED_BIT ? raw : this.decompress(raw, this.sb.blockSize);
    })();
    this.fragmentBlocks.set(index, p);
    p.catch(() => this.fragmentBlocks.delete(index));
    if (this.fragmentBlocks.size > FRAGMENT_CACHE_BLOCKS) {
      this.fragmentBlocks.delete(this.fragmentBlocks.keys().next().value as number);
    }
    return p;
  }
}
