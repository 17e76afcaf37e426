/**
 * The names of the 177 interfaces snapd 2.57.6 knows (interfaces/builtin). snapd drops a plug or
 * slot whose interface is not among them, with a warning, before it validates a snap; the store's
 * interface policy (lib/policy) holds what each one allows. test/snapd/validate.test.ts checks
 * this list against snapd's own. Data only.
 */
export const SNAPD_INTERFACES: ReadonlySet<string> = new Set([
  "account-control", "accounts-service", "acrn-support", "adb-support", "allegro-vcu", "alsa",
  "appstream-metadata", "audio-playback", "audio-record", "autopilot-introspection", "avahi-control",
  "avahi-observe", "block-devices", "bluetooth-control", "bluez", "bool-file", "broadcom-asic-control",
  "browser-support", "calendar-service", "camera", "can-bus", "cifs-mount", "classic-support",
  "contacts-service", "content", "core-support", "cpu-control", "cups", "cups-control", "custom-device",
  "daemon-notify", "dbus", "dcdbas-control", "desktop", "desktop-launch", "desktop-legacy", "device-buttons",
  "display-control", "dm-crypt", "docker", "docker-support", "dsp", "dvb", "empty", "firewall-control",
  "fpga", "framebuffer", "fuse-support", "fwupd", "gconf", "gpg-keys", "gpg-public-keys", "gpio",
  "gpio-control", "gpio-memory-control", "greengrass-support", "gsettings", "hardware-observe",
  "hardware-random-control", "hardware-random-observe", "hidraw", "home", "hostname-control",
  "hugepages-control", "i2c", "iio", "intel-mei", "io-ports-control", "ion-memory-control", "jack1",
  "joystick", "juju-client-observe", "kernel-crypto-api", "kernel-module-control", "kernel-module-load",
  "kernel-module-observe", "kubernetes-support", "kvm", "libvirt", "locale-control", "location-control",
  "location-observe", "log-observe", "login-session-control", "login-session-observe", "lxd", "lxd-support",
  "maliit", "media-control", "media-hub", "microceph", "microstack-support", "mir", "modem-manager",
  "mount-control", "mount-observe", "mpris", "multipass-support", "netlink-audit", "netlink-connector",
  "netlink-driver", "network", "network-bind", "network-control", "network-manager",
  "network-manager-observe", "network-observe", "network-setup-control", "network-setup-observe",
  "network-status", "ofono", "online-accounts-service", "opengl", "openvswitch", "openvswitch-support",
  "optical-drive", "packagekit-control", "password-manager-service", "personal-files",
  "physical-memory-control", "physical-memory-observe", "pkcs11", "polkit", "posix-mq", "power-control",
  "ppp", "process-control", "ptp", "pulseaudio", "pwm", "qualcomm-ipc-router", "raw-input", "raw-usb",
  "raw-volume", "removable-media", "screen-inhibit-control", "screencast-legacy", "scsi-generic",
  "sd-control", "serial-port", "shared-memory", "shutdown", "snap-refresh-control", "snap-themes-control",
  "snapd-control", "spi", "ssh-keys", "ssh-public-keys", "steam-support", "storage-framework-service",
  "system-backup", "system-files", "system-observe", "system-packages-doc", "system-source-code",
  "system-trace", "tee", "thumbnailer-service", "time-control", "timeserver-control", "timezone-control",
  "tpm", "u2f-devices", "ubuntu-download-manager", "udisks2", "uhid", "uinput", "uio", "unity7", "unity8",
  "unity8-calendar", "unity8-contacts", "upower-observe", "vcio", "wayland", "x11", "xilinx-dma",
]);
