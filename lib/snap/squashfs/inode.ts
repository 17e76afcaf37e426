import { corrupt } from "./errors";
import type { MetaCursor } from "./metadata";

export type EntryType = "file" | "dir" | "symlink" | "blockdev" | "chardev" | "fifo" | "socket";

/** Basic inode types 1..7; extended types are basic + 7. Directory entries always use the basic type. */
export const BASIC_TYPES: Record<number, EntryType> = {
  1: "dir",
  2: "file",
  3: "symlink",
  4: "blockdev",
  5: "chardev",
  6: "fifo",
  7: "socket",
};

const S_IF: Record<EntryType, number> = {
  dir: 0o040000,
  file: 0o100000,
  symlink: 0o120000,
  blockdev: 0o060000,
  chardev: 0o020000,
  fifo: 0o010000,
  socket: 0o140000,
};

export const NO_FRAGMENT = 0xffffffff;
/** Linux PATH_MAX; squashfs-tools refuses longer targets too. */
export const MAX_SYMLINK_TARGET = 4096;

export interface Inode {
  type: EntryType;
  extended: boolean;
  /** Full st_mode: file-type bits | permission bits. */
  mode: number;
  uidIndex: number;
  gidIndex: number;
  mtime: number;
  inodeNumber: number;
  nlink: number;
  /** File: content size. Dir: on-disk listing size + 3 (as mksquashfs records it). Symlink: target length. */
  size: number;
  // Directories.
  dirBlock?: number;
  dirOffset?: number;
  parentInode?: number;
  // Regular files.
  blocksStart?: number;
  fragment?: number;
  fragmentOffset?: number;
  /** Cursor positioned at the file's block-size list (read lazily by readFile). */
  blockList?: MetaCursor;
  // Symlinks.
  target?: string;
  rdev?: number;
}

function u64(b: Buffer, pos: number, what: string): number {
  const lo = b.readUInt32LE(pos);
  const hi = b.readUInt32LE(pos + 4);
  if (hi >= 0x200000) throw corrupt(`${what} is out of range`);
  return hi * 0x100000000 + lo;
}

/** Parse one inode at the cursor (which is advanced past it, except for the index of extended dirs). */
// eslint-disable-next-line max-lines-per-function -- one case per squashfs inode type, in the kernel's order
export async function readInode(c: MetaCursor): Promise<Inode> {
  const h = await c.read(16);
  const rawType = h.readUInt16LE(0);
  if (rawType < 1 || rawType > 14) throw corrupt(`invalid inode type ${rawType}`);
  const extended = rawType > 7;
  const type = BASIC_TYPES[extended ? rawType - 7 : rawType];
  const inode: Inode = {
    type,
    extended,
    mode: S_IF[type] | (h.readUInt16LE(2) & 0o7777),
    uidIndex: h.readUInt16LE(4),
    gidIndex: h.readUInt16LE(6),
    mtime: h.readUInt32LE(8),
    inodeNumber: h.readUInt32LE(12),
    nlink: 1,
    size: 0,
  };
  switch (rawType) {
    case 1: {
      // start_block u32, nlink u32, file_size u16, offset u16, parent u32
      const b = await c.read(16);
      inode.dirBlock = b.readUInt32LE(0);
      inode.nlink = b.readUInt32LE(4);
      inode.size = b.readUInt16LE(8);
      inode.dirOffset = b.readUInt16LE(10);
      inode.parentInode = b.readUInt32LE(12);
      break;
    }
    case 8: {
      // nlink u32, file_size u32, start_block u32, parent u32, i_count u16, offset u16, xattr u32
      // (the directory index that follows is only a lookup accelerator; we scan instead)
      const b = await c.read(24);
      inode.nlink = b.readUInt32LE(0);
      inode.size = b.readUInt32LE(4);
      inode.dirBlock = b.readUInt32LE(8);
      inode.parentInode = b.readUInt32LE(12);
      inode.dirOffset = b.readUInt16LE(18);
      break;
    }
    case 2: {
      // blocks_start u32, fragment u32, frag offset u32, file_size u32, then block sizes
      const b = await c.read(16);
      inode.blocksStart = b.readUInt32LE(0);
      inode.fragment = b.readUInt32LE(4);
      inode.fragmentOffset = b.readUInt32LE(8);
      inode.size = b.readUInt32LE(12);
      inode.blockList = c.clone();
      break;
    }
    case 9: {
      // blocks_start u64, file_size u64, sparse u64, nlink u32, fragment u32, frag offset u32, xattr u32
      const b = await c.read(40);
      inode.blocksStart = u64(b, 0, "file data offset");
      inode.size = u64(b, 8, "file size");
      inode.nlink = b.readUInt32LE(24);
      inode.fragment = b.readUInt32LE(28);
      inode.fragmentOffset = b.readUInt32LE(32);
      inode.blockList = c.clone();
      break;
    }
    case 3:
    case 10: {
      const b = await c.read(8);
      inode.nlink = b.readUInt32LE(0);
      const len = b.readUInt32LE(4);
      if (len === 0 || len > MAX_SYMLINK_TARGET) throw corrupt(`invalid symlink target length ${len}`);
      const t = await c.read(len);
      if (t.includes(0)) throw corrupt("symlink target contains a NUL byte");
      inode.target = t.toString("utf8");
      inode.size = len;
      break;
    }
    case 4:
    case 5:
    case 11:
    case 12: {
      const b = await c.read(8);
      inode.nlink = b.readUInt32LE(0);
      inode.rdev = b.readUInt32LE(4);
      break;
    }
    default: {
      // 6, 7, 13, 14: fifo / socket
      const b = await c.read(4);
      inode.nlink = b.readUInt32LE(0);
    }
  }
  return inode;
}
