/**
 * Known snapd interfaces and their base-declaration policy, summarised (see docs/domain.md).
 * Pure data; `lib/policy/declaration.ts` turns it into base-declaration rules.
 */

/**
 * - yes: auto-connected at install (subject to `autoConnectUnless`)
 * - no: users connect it manually (`snap connect`), or the store grants auto-connection
 * - classic-only: auto-connected on classic (desktop) systems only, not on Ubuntu Core
 * - same-publisher: (content) auto-connects only when plug and slot snaps share a publisher
 */
export type AutoConnect = "yes" | "no" | "classic-only" | "same-publisher";

/** snapd's snap types as used in declaration constraints ("core" = the system snap: os/snapd/core). */
export type PolicySnapType = "app" | "gadget" | "kernel" | "base" | "core" | "snapd";

export interface AutoConnectException {
  /** Plug attribute that, when it has `value`, blocks auto-connection. */
  attribute: string;
  value: string | boolean;
  note: string;
}

export interface InterfaceInfo {
  name: string;
  /** Short human description, e.g. "access to cameras". */
  description: string;
  autoConnect: AutoConnect;
  autoConnectUnless?: AutoConnectException[];
  /** Installing a snap that plugs it is denied by the base declaration; needs a snap-declaration. */
  superPrivileged: boolean;
  /** personal-files / system-files: reserved, each use needs its own declaration (and review). */
  reserved?: boolean;
  /** Snap types allowed to provide (install) a slot of this interface. */
  slotSnapTypes: PolicySnapType[];
}

type Row = [name: string, description: string, extra?: Partial<Omit<InterfaceInfo, "name" | "description">>];

const SYSTEM: PolicySnapType[] = ["core"];

function build(rows: Row[], defaults: Omit<InterfaceInfo, "name" | "description">): InterfaceInfo[] {
  return rows.map(([name, description, extra]) => ({ name, description, ...defaults, ...extra }));
}

const AUTO_YES: Row[] = [
  ["network", "access to the network"],
  ["network-bind", "run network services (listen on ports)"],
  ["network-status", "see whether the network is up"],
  ["opengl", "access to OpenGL and GPU hardware"],
  ["desktop", "basic desktop integration: fonts, themes, notifications", { slotSnapTypes: ["app", "core"] }],
  ["desktop-legacy", "legacy desktop services: accessibility, input methods"],
  ["unity7", "legacy Unity 7 / X11 desktop services", { slotSnapTypes: ["app", "core"] }],
  ["gsettings", "read and change desktop settings (gsettings)"],
  ["audio-playback", "play sound", { slotSnapTypes: ["app", "core"] }],
  [
    "browser-support",
    "what web browsers need: shared memory, sandbox helpers",
    { autoConnectUnless: [{ attribute: "allow-sandbox", value: true, note: "allow-sandbox: true (full browser sandbox) needs a declaration" }] },
  ],
  [
    "optical-drive",
    "read CDs and DVDs",
    { autoConnectUnless: [{ attribute: "write", value: true, note: "write: true (burning discs) is not auto-connected" }] },
  ],
  ["screen-inhibit-control", "stop the screen from blanking"],
  ["upower-observe", "read battery and power status", { slotSnapTypes: ["app", "core"] }],
  ["mir", "be a Mir display server client", { slotSnapTypes: ["app"] }],
  ["online-accounts-service", "use online accounts stored on the system", { slotSnapTypes: ["app"] }],
  ["media-hub", "play media through the media-hub service", { slotSnapTypes: ["app", "core"] }],
  ["cups", "print through CUPS", { slotSnapTypes: ["app", "core"] }],
  ["system-packages-doc", "read documentation of system packages"],
  ["shared-memory", "share memory with another snap", { slotSnapTypes: ["app", "gadget", "core"] }],
];

const AUTO_CLASSIC: Row[] = [
  ["x11", "show windows through the X11 display server", { slotSnapTypes: ["app", "core"] }],
  ["wayland", "show windows through a Wayland compositor", { slotSnapTypes: ["app", "core"] }],
  [
    "home",
    "access files in the user's home directory (not hidden files)",
    { autoConnectUnless: [{ attribute: "read", value: "all", note: "read: all (other users' files) is not auto-connected" }] },
  ],
];

const MANUAL: Row[] = [
  ["camera", "access to cameras"],
  ["removable-media", "access removable storage in /media, /run/media and /mnt"],
  ["mount-observe", "see mounted filesystems"],
  ["system-observe", "see system processes and information"],
  ["hardware-observe", "read hardware information"],
  ["process-control", "change other processes' priority and send them signals"],
  ["network-control", "change network settings"],
  ["network-observe", "see network status and traffic"],
  ["network-manager", "manage networks through NetworkManager", { slotSnapTypes: ["app", "core"] }],
  ["network-manager-observe", "read NetworkManager status", { slotSnapTypes: ["app", "core"] }],
  ["network-setup-observe", "read network setup (netplan)"],
  ["network-setup-control", "change network setup (netplan)"],
  ["bluez", "use Bluetooth through BlueZ", { slotSnapTypes: ["app", "core"] }],
  ["bluetooth-control", "control Bluetooth devices"],
  ["pulseaudio", "play and record sound through PulseAudio", { slotSnapTypes: ["app", "core"] }],
  ["audio-record", "record sound (microphones)", { slotSnapTypes: ["app", "core"] }],
  ["cups-control", "manage printers and print jobs", { slotSnapTypes: ["app", "core"] }],
  ["raw-usb", "raw access to USB devices"],
  ["joystick", "access to joysticks and game controllers"],
  ["u2f-devices", "access to U2F security keys"],
  ["alsa", "direct access to ALSA sound devices"],
  ["time-control", "set the system time"],
  ["timezone-control", "set the system time zone"],
  ["hostname-control", "set the system host name"],
  ["login-session-observe", "see login sessions"],
  ["log-observe", "read system logs"],
  ["kvm", "run virtual machines with KVM"],
  ["ssh-keys", "read the user's SSH keys (private and public)"],
  ["ssh-public-keys", "read the user's public SSH keys"],
  ["gpg-keys", "read the user's GnuPG keys (private and public)"],
  ["gpg-public-keys", "read the user's public GnuPG keys"],
  ["password-manager-service", "read and write saved passwords (Secret Service)"],
  ["serial-port", "access to a serial port", { slotSnapTypes: ["core", "gadget"] }],
  ["hidraw", "raw access to HID devices", { slotSnapTypes: ["core", "gadget"] }],
  ["gpio", "access to a GPIO pin", { slotSnapTypes: ["core", "gadget"] }],
  ["i2c", "access to an I2C bus", { slotSnapTypes: ["core", "gadget"] }],
  ["spi", "access to an SPI bus", { slotSnapTypes: ["core", "gadget"] }],
  ["iio", "access to an industrial I/O device", { slotSnapTypes: ["core", "gadget"] }],
  ["firewall-control", "change firewall rules"],
  ["account-control", "add and remove user accounts"],
  ["raw-input", "raw access to input devices"],
  ["cpu-control", "change CPU frequency and power settings"],
  ["fuse-support", "mount FUSE filesystems"],
  ["system-backup", "read the whole filesystem for backups"],
  ["avahi-observe", "discover services on the local network (Avahi)", { slotSnapTypes: ["app", "core"] }],
  ["avahi-control", "publish services on the local network (Avahi)", { slotSnapTypes: ["app", "core"] }],
  ["location-observe", "read the device location", { slotSnapTypes: ["app"] }],
  ["location-control", "control location services", { slotSnapTypes: ["app"] }],
  ["modem-manager", "use mobile broadband modems", { slotSnapTypes: ["app", "core"] }],
  ["ofono", "use telephony through oFono", { slotSnapTypes: ["app", "core"] }],
  ["ppp", "run PPP connections"],
  ["power-control", "control device power management"],
  ["shutdown-observe", "see pending shutdowns"],
  ["screencast-legacy", "record the screen (legacy)"],
  ["calendar-service", "read and change calendars"],
  ["contacts-service", "read and change contacts"],
  ["accounts-service", "use the accounts service"],
  ["display-control", "change display brightness and settings"],
  ["physical-memory-observe", "read physical memory (/dev/mem)"],
  ["physical-memory-control", "write physical memory (/dev/mem)"],
  ["io-ports-control", "access I/O ports"],
  ["kernel-module-observe", "see loaded kernel modules"],
  ["system-trace", "trace the kernel and processes"],
  ["hardware-random-observe", "read the hardware random number generator"],
  ["hardware-random-control", "configure the hardware random number generator"],
  ["tpm", "access to the TPM"],
  ["framebuffer", "access to the framebuffer", { slotSnapTypes: ["core", "gadget"] }],
  ["dvb", "access to DVB (TV) devices"],
  ["raw-volume", "raw access to a disk partition", { slotSnapTypes: ["core", "gadget"] }],
  ["pcscd", "use smart card readers through pcscd"],
  ["adb-support", "talk to Android devices over adb"],
  ["juju-client-observe", "read Juju client configuration"],
  ["autopilot-introspection", "be introspected by Autopilot tests"],
  ["dbus", "own or talk to a D-Bus name", { slotSnapTypes: ["app"] }],
  ["mpris", "be controlled as a media player (MPRIS)", { slotSnapTypes: ["app"] }],
  ["device-buttons", "read device buttons"],
  ["netlink-audit", "write kernel audit logs"],
  ["netlink-connector", "use kernel netlink connectors"],
  ["openvswitch", "use Open vSwitch"],
  ["appstream-metadata", "read AppStream metadata"],
  ["jack1", "use the JACK audio server"],
  ["ion-memory-control", "allocate ION memory"],
  ["broadcom-asic-control", "control Broadcom ASICs"],
  ["hugepages-control", "configure huge pages"],
  ["cuda-driver-libs", "use CUDA driver libraries from the system", { slotSnapTypes: ["core", "kernel"] }],
  ["egl-driver-libs", "use EGL driver libraries from the system", { slotSnapTypes: ["core", "kernel"] }],
  ["gbm-driver-libs", "use GBM driver libraries from the system", { slotSnapTypes: ["core", "kernel"] }],
  ["opengl-driver-libs", "use OpenGL driver libraries from the system", { slotSnapTypes: ["core", "kernel"] }],
  ["vulkan-driver-libs", "use Vulkan driver libraries from the system", { slotSnapTypes: ["core", "kernel"] }],
  ["pipewire", "use PipeWire", { slotSnapTypes: ["app", "core"] }],
  ["fwupd", "update firmware through fwupd", { slotSnapTypes: ["app", "core"] }],
  ["udisks2", "manage disks through UDisks2", { slotSnapTypes: ["app", "core"] }],
];

const SUPER_PRIVILEGED: Row[] = [
  ["snapd-control", "control snapd: install and remove snaps, change system settings"],
  ["docker-support", "run Docker containers (full system access)"],
  ["kubernetes-support", "run Kubernetes node services (full system access)"],
  ["lxd-support", "run LXD (full system access)"],
  ["kernel-module-control", "load and unload kernel modules"],
  ["kernel-module-load", "load specific kernel modules with options"],
  ["block-devices", "raw access to all disks"],
  ["classic-support", "run commands in a classic Ubuntu environment"],
  ["shutdown", "shut down or reboot the system"],
  ["polkit", "define polkit actions"],
  ["desktop-launch", "launch other snaps' desktop applications"],
  ["steam-support", "run the Steam client's container runtime"],
  ["mount-control", "mount filesystems"],
  ["uinput", "create virtual input devices"],
  ["userns", "create user namespaces"],
  ["snap-refresh-control", "control when snaps are refreshed"],
  ["snap-refresh-observe", "watch snap refreshes"],
  ["snap-themes-control", "install theme snaps"],
  ["ubuntu-pro-control", "control Ubuntu Pro services"],
  ["tee", "access the trusted execution environment"],
  ["nvidia-drivers-support", "install NVIDIA driver components"],
  ["multipass-support", "run Multipass virtual machines"],
  ["microstack-support", "run MicroStack (OpenStack) services"],
  ["greengrass-support", "run AWS Greengrass containers"],
  ["dm-crypt", "manage encrypted volumes"],
  ["nvme-control", "manage NVMe devices"],
  ["packagekit-control", "install and remove system packages through PackageKit"],
  ["core-support", "internal core snap integration"],
  ["cifs-mount", "mount CIFS/SMB shares"],
  ["daemon-notify", "send systemd service notifications"],
  ["kernel-firmware-control", "change kernel firmware search paths"],
  ["libvirt", "manage virtual machines through libvirt"],
  ["microceph-support", "run MicroCeph storage services"],
  ["posix-mq", "share POSIX message queues", { slotSnapTypes: ["app", "gadget", "core"] }],
  ["qualcomm-ipc-router", "talk to Qualcomm IPC routers"],
  ["snap-fde-control", "manage full-disk encryption"],
  ["snap-interfaces-requests-control", "answer permission prompts for other snaps"],
  ["xilinx-dma", "access Xilinx DMA engines"],
  ["sd-control", "control SD card devices"],
  ["netlink-driver", "talk to a netlink driver family", { slotSnapTypes: ["core", "gadget"] }],
  ["ros-snapd-support", "ROS integration with snapd"],
  ["nomachine-support", "run NoMachine remote desktop"],
  ["custom-device", "access devices described by the gadget", { slotSnapTypes: ["gadget"] }],
];

const RESERVED: Row[] = [
  ["personal-files", "access specific files in the user's home directory (listed in the plug)", { reserved: true }],
  ["system-files", "access specific system files (listed in the plug)", { reserved: true }],
];

const CONTENT: Row[] = [
  ["content", "share files with another snap (content slot)", { slotSnapTypes: ["app", "gadget"] }],
];

function dedupe(list: InterfaceInfo[]): Record<string, InterfaceInfo> {
  const out: Record<string, InterfaceInfo> = {};
  for (const i of list) if (!out[i.name]) out[i.name] = i;
  return out;
}

/** Every known interface, by name. */
export const INTERFACES: Readonly<Record<string, InterfaceInfo>> = Object.freeze(
  dedupe([
    ...build(AUTO_YES, { autoConnect: "yes", superPrivileged: false, slotSnapTypes: SYSTEM }),
    ...build(AUTO_CLASSIC, { autoConnect: "classic-only", superPrivileged: false, slotSnapTypes: SYSTEM }),
    ...build(MANUAL, { autoConnect: "no", superPrivileged: false, slotSnapTypes: SYSTEM }),
    ...build(SUPER_PRIVILEGED, { autoConnect: "no", superPrivileged: true, slotSnapTypes: SYSTEM }),
    ...build(RESERVED, { autoConnect: "no", superPrivileged: true, slotSnapTypes: SYSTEM }),
    ...build(CONTENT, { autoConnect: "same-publisher", superPrivileged: false, slotSnapTypes: SYSTEM }),
  ]),
);

export const RESERVED_INTERFACES = ["personal-files", "system-files"] as const;

export function getInterface(name: string): InterfaceInfo | undefined {
  return Object.prototype.hasOwnProperty.call(INTERFACES, name) ? INTERFACES[name] : undefined;
}

export function isReservedInterface(name: string): boolean {
  return (RESERVED_INTERFACES as readonly string[]).includes(name);
}

/** "camera: access to cameras" (or "foo: unknown interface"). */
export function describeInterface(name: string): string {
  const i = getInterface(name);
  return `${name}: ${i ? i.description : "unknown interface"}`;
}
