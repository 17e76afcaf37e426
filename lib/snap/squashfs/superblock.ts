import { COMPRESSION_IDS, type Compression } from "./compress";
import { SquashfsError, corrupt } from "./errors";
import type { ByteSource } from "./source";

export const SUPERBLOCK_SIZE = 96;
export const SQUASHFS_MAGIC = 0x73717368; // "hsqs" little-endian
export const NO_TABLE = -1; // 0xFFFFFFFFFFFFFFFF: table absent

export interface Superblock {
  inodeCount: number;
  mtime: number;
  blockSize: number;
  blockLog: number;
  fragmentCount: number;
  compression: Compression;
  flags: number;
  idCount: number;
  major: number;
  minor: number;
  rootInode: InodeRef;
  bytesUsed: number;
  idTableStart: number;
  xattrTableStart: number;
  inodeTableStart: number;
  directoryTableStart: number;
  fragmentTableStart: number;
  exportTableStart: number;
}

/** A reference into the inode table: metadata block (relative to the table start) + offset in it. */
export interface InodeRef {
  block: number;
  offset: number;
}

/** Decode a 48-bit inode reference from a little-endian u64 at `pos`. */
export function readInodeRef(buf: Buffer, pos: number): InodeRef {
  const lo = buf.readUInt32LE(pos);
  const hi = buf.readUInt32LE(pos + 4);
  if (hi > 0xffff) throw corrupt("inode reference out of range");
  return { block: hi * 0x10000 + (lo >>> 16), offset: lo & 0xffff };
}

/** u64 as a safe integer; all-ones (absent table) becomes NO_TABLE; anything else beyond 2^53 is corrupt. */
export function readU64(buf: Buffer, pos: number, what: string): number {
  const lo = buf.readUInt32LE(pos);
  const hi = buf.readUInt32LE(pos + 4);
  if (lo === 0xffffffff && hi === 0xffffffff) return NO_TABLE;
  if (hi >= 0x200000) throw corrupt(`${what} is out of range`);
  return hi * 0x100000000 + lo;
}

export async function readSuperblock(source: ByteSource): Promise<Superblock> {
  if (source.size < 4) throw new SquashfsError("not-squashfs", "file is too small to be a squashfs image");
  const head = await source.read(0, Math.min(SUPERBLOCK_SIZE, source.size));
  const magic = head.readUInt32LE(0);
  if (magic !== SQUASHFS_MAGIC) {
    if (magic === 0x68737173) {
      throw new SquashfsError("unsupported-version", "big-endian squashfs images are not supported");
    }
    throw new SquashfsError("not-squashfs", "not a squashfs image (bad magic)");
  }
  if (head.length < SUPERBLOCK_SIZE) throw new SquashfsError("truncated", "squashfs superblock is truncated");

  const major = head.readUInt16LE(28);
  const minor = head.readUInt16LE(30);
  if (major !== 4 || minor !== 0) {
    throw new SquashfsError("unsupported-version", `squashfs version ${major}.${minor} is not supported (need 4.0)`);
  }
  const compressionId = head.readUInt16LE(20);
  const compression = COMPRESSION_IDS[compressionId];
  if (!compression) {
    throw new SquashfsError("unsupported-compression", `unknown squashfs compression id ${compressionId}`);
  }

  const blockSize = head.readUInt32LE(12);
  const blockLog = head.readUInt16LE(22);
  if (blockLog < 12 || blockLog > 20 || blockSize !== 2 ** blockLog) {
    throw corrupt(`invalid block size ${blockSize} (log ${blockLog})`);
  }

  const sb: Superblock = {
    inodeCount: head.readUInt32LE(4),
    mtime: head.readUInt32LE(8),
    blockSize,
    blockLog,
    fragmentCount: head.readUInt32LE(16),
    compression,
    flags: head.readUInt16LE(24),
    idCount: head.readUInt16LE(26),
    major,
    minor,
    rootInode: readInodeRef(head, 32),
    bytesUsed: readU64(head, 40, "bytes_used"),
    idTableStart: readU64(head, 48, "id table offset"),
    xattrTableStart: readU64(head, 56, "xattr table offset"),
    inodeTableStart: readU64(head, 64, "inode table offset"),
    directoryTableStart: readU64(head, 72, "directory table offset"),
    fragmentTableStart: readU64(head, 80, "fragment table offset"),
    exportTableStart: readU64(head, 88, "export table offset"),
  };

  if (sb.bytesUsed === NO_TABLE || sb.bytesUsed < SUPERBLOCK_SIZE) throw corrupt("invalid bytes_used");
  if (sb.bytesUsed > source.size) {
    throw new SquashfsError("truncated", `squashfs image is truncated: superblock says ${sb.bytesUsed} bytes, file has ${source.size}`);
  }
  const within = (start: number, len: number, what: string) => {
    if (start === NO_TABLE || start < SUPERBLOCK_SIZE || start + len > sb.bytesUsed) {
      throw corrupt(`${what} lies outside the image`);
    }
  };
  within(sb.inodeTableStart, 2, "inode table");
  within(sb.directoryTableStart, 2, "directory table");
  if (sb.directoryTableStart <= sb.inodeTableStart) throw corrupt("directory table precedes inode table");
  if (sb.idCount === 0) throw corrupt("id table is empty");
  within(sb.idTableStart, 8 * Math.ceil(sb.idCount / 2048), "id table");
  if (sb.fragmentCount > 0) {
    // Each 512 entries need one u64 pointer in the index; this also bounds the count by the image size.
    within(sb.fragmentTableStart, 8 * Math.ceil(sb.fragmentCount / 512), "fragment table");
  }
  if (sb.rootInode.offset >= 8192 || sb.inodeTableStart + sb.rootInode.block >= sb.directoryTableStart) {
    throw corrupt("root inode reference lies outside the inode table");
  }
  return sb;
}
