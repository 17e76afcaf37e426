/**
 * The base declaration: the store-wide interface policy every snapd applies before any
 * snap-declaration, as data. BASE_DECLARATION_257 holds every one of the 177 interfaces snapd
 * 2.57.6 knows, with the exact plug and slot rules snapd 2.57 composes
 * (test/snapd/policy-basedecl.test.ts compares it with snapd's own, rule by rule);
 * NEWER_INTERFACES holds interfaces only later snapd releases know, with our best reading of their
 * rules: snapd 2.57 drops a plug or slot of those as an unknown interface.
 *
 * How to read a rule (see rules.ts): `allow-installation: { "slot-snap-type": ["core"] }` means
 * only the system snap may provide the slot; `deny-auto-connection: true` means users connect it
 * by hand; `deny-connection: true` on a slot an app provides means the providing snap needs a
 * snap-declaration before anything connects to it; `on-classic: false` limits a deny to Ubuntu
 * Core. A plug rule, when present, is consulted before the slot rule of the same interface.
 * Pure data.
 */
import type { InterfaceRules } from "./rules";

export interface InterfacePolicy {
  /** What a plug of it grants, in a few words (shown in the dashboard and GET /api/v1/interfaces). */
  summary: string;
  /** Systems where snapd itself provides a slot of it (the system snap's implicit slot). */
  systemSlot?: ("classic" | "core")[];
  /** The base-declaration plug rule (rare: only where the plug side decides). */
  plugs?: InterfaceRules;
  /** The base-declaration slot rule. */
  slots?: InterfaceRules;
}

/** Only the system snap provides it; users connect it by hand (most hardware and system access). */
const SYSTEM_MANUAL: InterfaceRules = { "allow-installation": { "slot-snap-type": ["core"] }, "deny-auto-connection": true };
/** Only the system snap provides it; it connects automatically. */
const SYSTEM_AUTO: InterfaceRules = { "allow-installation": { "slot-snap-type": ["core"] } };
/** Installing a snap that plugs it needs a snap-declaration; it never connects automatically. */
const SUPER_PRIVILEGED_PLUG: InterfaceRules = { "allow-installation": false, "deny-auto-connection": true };

/** The base declaration of snapd 2.57.6, by interface. */
export const BASE_DECLARATION_257: Readonly<Record<string, InterfacePolicy>> = {
  "account-control": { summary: "add and remove user accounts", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "accounts-service": { summary: "use the accounts service", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "acrn-support": { summary: "run virtual machines with the ACRN hypervisor", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "adb-support": { summary: "talk to Android devices over adb", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "allegro-vcu": { summary: "use the Allegro video codec unit", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  alsa: { summary: "direct access to ALSA sound devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "appstream-metadata": { summary: "read AppStream metadata", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "audio-playback": {
    summary: "play sound",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-connection": { "on-classic": false },
    },
  },
  "audio-record": {
    summary: "record sound (microphones)",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "autopilot-introspection": { summary: "be introspected by Autopilot tests", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "avahi-control": {
    summary: "publish services on the local network (Avahi)",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "avahi-observe": {
    summary: "discover services on the local network (Avahi)",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "block-devices": {
    summary: "raw access to all disks",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "bluetooth-control": { summary: "control Bluetooth devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  bluez: {
    summary: "use Bluetooth through BlueZ",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "bool-file": {
    summary: "read and write one boolean file (an LED, a GPIO value)",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  "broadcom-asic-control": { summary: "control Broadcom ASICs", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "browser-support": {
    summary: "what web browsers need: shared memory, sandbox helpers",
    systemSlot: ["classic", "core"],
    slots: {
      "allow-installation": { "slot-snap-type": ["core"] },
      "deny-auto-connection": { "plug-attributes": { "allow-sandbox": true } },
      "deny-connection": { "plug-attributes": { "allow-sandbox": true } },
    },
  },
  "calendar-service": { summary: "read and change calendars", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  camera: { summary: "access to cameras", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "can-bus": { summary: "talk on a CAN bus", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "cifs-mount": { summary: "mount CIFS/SMB shares", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "classic-support": {
    summary: "run commands in a classic Ubuntu environment",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "contacts-service": { summary: "read and change contacts", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  content: {
    summary: "share files with another snap (content slot)",
    slots: {
      "allow-auto-connection": {
        "plug-attributes": { content: "$SLOT(content)" },
        "plug-publisher-id": ["$SLOT_PUBLISHER_ID"],
      },
      "allow-connection": { "plug-attributes": { content: "$SLOT(content)" } },
      "allow-installation": { "slot-snap-type": ["app", "gadget"] },
    },
  },
  "core-support": {
    summary: "internal core snap integration",
    systemSlot: ["classic", "core"],
    plugs: { "allow-installation": { "plug-snap-type": ["core"] } },
    slots: SYSTEM_MANUAL,
  },
  "cpu-control": { summary: "change CPU frequency and power settings", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  cups: {
    summary: "print through CUPS",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "cups-control": {
    summary: "manage printers and print jobs",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "custom-device": {
    summary: "access devices described by the gadget",
    slots: {
      "allow-connection": { "plug-attributes": { content: "$SLOT(custom-device)" } },
      "allow-installation": false,
      "deny-auto-connection": true,
    },
  },
  "daemon-notify": { summary: "send systemd service notifications", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  dbus: {
    summary: "own or talk to a D-Bus name",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": { "slot-attributes": { name: ".+" } },
    },
  },
  "dcdbas-control": { summary: "use Dell's systems management driver", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  desktop: { summary: "basic desktop integration: fonts, themes, notifications", systemSlot: ["classic"], slots: SYSTEM_AUTO },
  "desktop-launch": {
    summary: "launch other snaps' desktop applications",
    systemSlot: ["classic"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "desktop-legacy": { summary: "legacy desktop services: accessibility, input methods", systemSlot: ["classic"], slots: SYSTEM_AUTO },
  "device-buttons": { summary: "read device buttons", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "display-control": { summary: "change display brightness and settings", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "dm-crypt": { summary: "manage encrypted volumes", systemSlot: ["classic", "core"], plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  docker: {
    summary: "talk to the Docker daemon's socket",
    slots: { "allow-installation": false, "deny-auto-connection": true, "deny-connection": true },
  },
  "docker-support": {
    summary: "run Docker containers (full system access)",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  dsp: {
    summary: "control digital signal processors on some boards",
    slots: {
      "allow-installation": { "slot-snap-type": ["gadget", "core"] },
      "deny-auto-connection": true,
    },
  },
  dvb: { summary: "access to DVB (TV) devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  empty: {
    summary: "nothing: a placeholder interface for tests",
    slots: { "allow-installation": { "slot-snap-type": ["app"] }, "deny-auto-connection": true },
  },
  "firewall-control": { summary: "change firewall rules", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  fpga: { summary: "program and use FPGAs", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  framebuffer: { summary: "access to the framebuffer", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "fuse-support": { summary: "mount FUSE filesystems", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  fwupd: {
    summary: "update firmware through fwupd",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  gconf: { summary: "read and change the user's legacy GConf settings", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "gpg-keys": { summary: "read the user's GnuPG keys (private and public)", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "gpg-public-keys": { summary: "read the user's public GnuPG keys", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  gpio: {
    summary: "access to a GPIO pin",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  "gpio-control": {
    summary: "control every GPIO pin",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "gpio-memory-control": { summary: "write GPIO memory directly", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "greengrass-support": {
    summary: "run AWS Greengrass containers",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  gsettings: { summary: "read and change desktop settings (gsettings)", systemSlot: ["classic"], slots: SYSTEM_AUTO },
  "hardware-observe": { summary: "read hardware information", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "hardware-random-control": {
    summary: "configure the hardware random number generator",
    systemSlot: ["classic", "core"],
    slots: SYSTEM_MANUAL,
  },
  "hardware-random-observe": {
    summary: "read the hardware random number generator",
    systemSlot: ["classic", "core"],
    slots: SYSTEM_MANUAL,
  },
  hidraw: {
    summary: "raw access to HID devices",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  home: {
    summary: "access files in the user's home directory (not hidden files)",
    systemSlot: ["classic", "core"],
    slots: {
      "allow-installation": { "slot-snap-type": ["core"] },
      "deny-auto-connection": [{ "on-classic": false }, { "plug-attributes": { read: "all" } }],
      "deny-connection": { "plug-attributes": { read: "all" } },
    },
  },
  "hostname-control": { summary: "set the system host name", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "hugepages-control": { summary: "configure huge pages", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  i2c: {
    summary: "access to an I2C bus",
    slots: {
      "allow-installation": { "slot-snap-type": ["gadget", "core"] },
      "deny-auto-connection": true,
    },
  },
  iio: {
    summary: "access to an industrial I/O device",
    slots: {
      "allow-installation": { "slot-snap-type": ["gadget", "core"] },
      "deny-auto-connection": true,
    },
  },
  "intel-mei": { summary: "use the Intel Management Engine interface", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "io-ports-control": { summary: "access I/O ports", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "ion-memory-control": {
    summary: "allocate ION memory",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  jack1: { summary: "use the JACK audio server", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  joystick: { summary: "access to joysticks and game controllers", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "juju-client-observe": { summary: "read Juju client configuration", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "kernel-crypto-api": { summary: "use the kernel's crypto API", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "kernel-module-control": {
    summary: "load and unload kernel modules",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "kernel-module-load": {
    summary: "load specific kernel modules with options",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: { "allow-installation": { "slot-snap-type": ["core"] }, "deny-connection": true },
  },
  "kernel-module-observe": { summary: "see loaded kernel modules", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "kubernetes-support": {
    summary: "run Kubernetes node services (full system access)",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  kvm: { summary: "run virtual machines with KVM", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  libvirt: { summary: "manage virtual machines through libvirt", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "locale-control": { summary: "change the system locale", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "location-control": {
    summary: "control location services",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "location-observe": {
    summary: "read the device location",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "log-observe": { summary: "read system logs", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "login-session-control": { summary: "set up login sessions and seats", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "login-session-observe": { summary: "see login sessions", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  lxd: {
    summary: "talk to the LXD daemon's socket",
    slots: { "allow-installation": false, "deny-auto-connection": true, "deny-connection": true },
  },
  "lxd-support": {
    summary: "run LXD (full system access)",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  maliit: {
    summary: "be or use the Maliit input method service",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "media-control": { summary: "use media controller devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "media-hub": {
    summary: "play media through the media-hub service",
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-connection": { "on-classic": false },
    },
  },
  microceph: {
    summary: "talk to the MicroCeph daemon's socket",
    slots: { "allow-installation": false, "deny-auto-connection": true, "deny-connection": true },
  },
  "microstack-support": {
    summary: "run MicroStack (OpenStack) services",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  mir: {
    summary: "be a Mir display server client",
    slots: { "allow-installation": { "slot-snap-type": ["app"] }, "deny-connection": true },
  },
  "modem-manager": {
    summary: "use mobile broadband modems",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "mount-control": {
    summary: "mount filesystems",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: { "allow-installation": { "slot-snap-type": ["core"] }, "deny-connection": true },
  },
  "mount-observe": { summary: "see mounted filesystems", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  mpris: {
    summary: "be controlled as a media player (MPRIS)",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": { "slot-attributes": { name: ".+" } },
    },
  },
  "multipass-support": {
    summary: "run Multipass virtual machines",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "netlink-audit": { summary: "write kernel audit logs", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "netlink-connector": { summary: "use kernel netlink connectors", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "netlink-driver": {
    summary: "talk to a netlink driver family",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  network: { summary: "access to the network", systemSlot: ["classic", "core"], slots: SYSTEM_AUTO },
  "network-bind": { summary: "run network services (listen on ports)", systemSlot: ["classic", "core"], slots: SYSTEM_AUTO },
  "network-control": { summary: "change network settings", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "network-manager": {
    summary: "manage networks through NetworkManager",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "network-manager-observe": {
    summary: "read NetworkManager status",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "network-observe": { summary: "see network status and traffic", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "network-setup-control": { summary: "change network setup (netplan)", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "network-setup-observe": { summary: "read network setup (netplan)", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "network-status": { summary: "see whether the network is up", systemSlot: ["classic"], slots: SYSTEM_AUTO },
  ofono: {
    summary: "use telephony through oFono",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  "online-accounts-service": {
    summary: "use online accounts stored on the system",
    slots: { "allow-installation": { "slot-snap-type": ["app"] }, "deny-connection": true },
  },
  opengl: { summary: "access to OpenGL and GPU hardware", systemSlot: ["classic", "core"], slots: SYSTEM_AUTO },
  openvswitch: { summary: "use Open vSwitch", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "openvswitch-support": { summary: "run the Open vSwitch service", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "optical-drive": {
    summary: "read CDs and DVDs",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["core"] },
      "deny-auto-connection": { "plug-attributes": { write: true } },
      "deny-connection": { "plug-attributes": { write: true } },
    },
  },
  "packagekit-control": {
    summary: "install and remove system packages through PackageKit",
    systemSlot: ["classic"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "password-manager-service": { summary: "read and write saved passwords (Secret Service)", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "personal-files": { summary: "system-files", systemSlot: ["classic", "core"], plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "physical-memory-control": { summary: "write physical memory (/dev/mem)", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "physical-memory-observe": { summary: "read physical memory (/dev/mem)", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  pkcs11: { summary: "use PKCS#11 tokens through a provider snap", slots: { "allow-installation": false, "deny-auto-connection": true } },
  polkit: { summary: "define polkit actions", systemSlot: ["classic"], plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "posix-mq": {
    summary: "share POSIX message queues",
    plugs: {
      "allow-auto-connection": {
        "slot-attributes": { "posix-mq": "$PLUG(posix-mq)" },
        "slot-publisher-id": ["$PLUG_PUBLISHER_ID"],
      },
      "allow-connection": { "slot-attributes": { "posix-mq": "$PLUG(posix-mq)" } },
      "allow-installation": true,
    },
    slots: { "allow-installation": false, "deny-auto-connection": true, "deny-connection": true },
  },
  "power-control": { summary: "control device power management", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  ppp: { summary: "run PPP connections", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "process-control": {
    summary: "change other processes' priority and send them signals",
    systemSlot: ["classic", "core"],
    slots: SYSTEM_MANUAL,
  },
  ptp: { summary: "use PTP hardware clocks", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  pulseaudio: {
    summary: "play and record sound through PulseAudio",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  pwm: {
    summary: "drive one PWM channel",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  "qualcomm-ipc-router": { summary: "talk to Qualcomm IPC routers", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "raw-input": { summary: "raw access to input devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "raw-usb": { summary: "raw access to USB devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "raw-volume": {
    summary: "raw access to a disk partition",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "removable-media": {
    summary: "access removable storage in /media, /run/media and /mnt",
    systemSlot: ["classic", "core"],
    slots: SYSTEM_MANUAL,
  },
  "screen-inhibit-control": { summary: "stop the screen from blanking", systemSlot: ["classic"], slots: SYSTEM_AUTO },
  "screencast-legacy": { summary: "record the screen (legacy)", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "scsi-generic": { summary: "send raw SCSI commands", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "sd-control": { summary: "control SD card devices", systemSlot: ["classic", "core"], plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "serial-port": {
    summary: "access to a serial port",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  "shared-memory": {
    summary: "share memory with another snap",
    systemSlot: ["classic", "core"],
    plugs: {
      "allow-auto-connection": [
        {
          "plug-attributes": { private: false },
          "slot-attributes": { "shared-memory": "$PLUG(shared-memory)" },
          "slot-publisher-id": ["$PLUG_PUBLISHER_ID"],
        },
        { "plug-attributes": { private: true }, "slot-snap-type": ["core"] },
      ],
      "allow-connection": [
        {
          "plug-attributes": { private: false },
          "slot-attributes": { "shared-memory": "$PLUG(shared-memory)" },
        },
        { "plug-attributes": { private: true }, "slot-snap-type": ["core"] },
      ],
    },
    slots: {
      "allow-installation": {
        "slot-snap-id": ["PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4", "99T7MUlRhtI3U0QFgl5mXXESAiSwt776"],
        "slot-snap-type": ["app", "gadget", "core"],
      },
      "deny-auto-connection": true,
    },
  },
  shutdown: { summary: "shut down or reboot the system", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "snap-refresh-control": {
    summary: "control when snaps are refreshed",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "snap-themes-control": {
    summary: "install theme snaps",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "snapd-control": {
    summary: "control snapd: install and remove snaps, change system settings",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  spi: {
    summary: "access to an SPI bus",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  "ssh-keys": { summary: "read the user's SSH keys (private and public)", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "ssh-public-keys": { summary: "read the user's public SSH keys", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "steam-support": {
    summary: "run the Steam client's container runtime",
    systemSlot: ["classic"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "storage-framework-service": {
    summary: "be or use the Storage Framework service",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "system-backup": { summary: "read the whole filesystem for backups", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "system-files": {
    summary: "access specific system files (listed in the plug)",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "system-observe": { summary: "see system processes and information", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "system-packages-doc": { summary: "read documentation of system packages", systemSlot: ["classic"], slots: SYSTEM_MANUAL },
  "system-source-code": { summary: "read kernel and system sources in /usr/src", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "system-trace": { summary: "trace the kernel and processes", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  tee: {
    summary: "access the trusted execution environment",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  "thumbnailer-service": {
    summary: "be or use the thumbnailer service",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "time-control": { summary: "set the system time", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "timeserver-control": { summary: "choose the time servers the system syncs with", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "timezone-control": { summary: "set the system time zone", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  tpm: { summary: "access to the TPM", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "u2f-devices": { summary: "access to U2F security keys", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  "ubuntu-download-manager": {
    summary: "be or use the Ubuntu download manager",
    slots: { "allow-installation": { "slot-snap-type": ["app"] }, "deny-connection": true },
  },
  udisks2: {
    summary: "manage disks through UDisks2",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": true,
      "deny-connection": { "on-classic": false },
    },
  },
  uhid: { summary: "create virtual HID devices", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  uinput: {
    summary: "create virtual input devices",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
  uio: {
    summary: "access one userspace I/O (UIO) device",
    slots: {
      "allow-installation": { "slot-snap-type": ["core", "gadget"] },
      "deny-auto-connection": true,
    },
  },
  unity7: { summary: "legacy Unity 7 / X11 desktop services", systemSlot: ["classic"], slots: SYSTEM_AUTO },
  unity8: {
    summary: "be or use Unity 8 desktop services",
    plugs: { "allow-installation": false },
    slots: { "allow-installation": { "slot-snap-type": ["app"] }, "deny-connection": true },
  },
  "unity8-calendar": {
    summary: "be or use the Unity 8 calendar service",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "unity8-contacts": {
    summary: "be or use the Unity 8 contacts service",
    slots: {
      "allow-installation": { "slot-snap-type": ["app"] },
      "deny-auto-connection": true,
      "deny-connection": true,
    },
  },
  "upower-observe": {
    summary: "read battery and power status",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-connection": { "on-classic": false },
    },
  },
  vcio: { summary: "use VideoCore I/O on Raspberry Pi", systemSlot: ["classic", "core"], slots: SYSTEM_MANUAL },
  wayland: {
    summary: "show windows through a Wayland compositor",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": { "on-classic": false },
      "deny-connection": { "on-classic": false },
    },
  },
  x11: {
    summary: "show windows through the X11 display server",
    systemSlot: ["classic"],
    slots: {
      "allow-installation": { "slot-snap-type": ["app", "core"] },
      "deny-auto-connection": { "on-classic": false },
      "deny-connection": { "on-classic": false },
    },
  },
  "xilinx-dma": {
    summary: "access Xilinx DMA engines",
    systemSlot: ["classic", "core"],
    plugs: SUPER_PRIVILEGED_PLUG,
    slots: SYSTEM_MANUAL,
  },
};

/** Like SYSTEM_MANUAL, for slots the system snap or a given kind of snap provides. */
function manualSlot(...types: string[]): InterfaceRules {
  return { "allow-installation": { "slot-snap-type": types }, "deny-auto-connection": true };
}

/**
 * Interfaces later snapd releases added, which we already listed. snapd 2.57 does not know them (it
 * drops such a plug or slot with a warning); the rules are our reading of later releases.
 */
export const NEWER_INTERFACES: Readonly<Record<string, InterfacePolicy>> = {
  "shutdown-observe": { summary: "see pending shutdowns", slots: SYSTEM_MANUAL },
  pcscd: { summary: "use smart card readers through pcscd", slots: SYSTEM_MANUAL },
  "cuda-driver-libs": { summary: "use CUDA driver libraries from the system", slots: manualSlot("core", "kernel") },
  "egl-driver-libs": { summary: "use EGL driver libraries from the system", slots: manualSlot("core", "kernel") },
  "gbm-driver-libs": { summary: "use GBM driver libraries from the system", slots: manualSlot("core", "kernel") },
  "opengl-driver-libs": { summary: "use OpenGL driver libraries from the system", slots: manualSlot("core", "kernel") },
  "vulkan-driver-libs": { summary: "use Vulkan driver libraries from the system", slots: manualSlot("core", "kernel") },
  pipewire: { summary: "use PipeWire", slots: manualSlot("app", "core") },
  userns: { summary: "create user namespaces", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "snap-refresh-observe": { summary: "watch snap refreshes", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "ubuntu-pro-control": { summary: "control Ubuntu Pro services", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "nvidia-drivers-support": { summary: "install NVIDIA driver components", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "nvme-control": { summary: "manage NVMe devices", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "kernel-firmware-control": { summary: "change kernel firmware search paths", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "microceph-support": { summary: "run MicroCeph storage services", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "snap-fde-control": { summary: "manage full-disk encryption", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "snap-interfaces-requests-control": { summary: "answer permission prompts for other snaps", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "ros-snapd-support": { summary: "ROS integration with snapd", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
  "nomachine-support": { summary: "run NoMachine remote desktop", plugs: SUPER_PRIVILEGED_PLUG, slots: SYSTEM_MANUAL },
};
