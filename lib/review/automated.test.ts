import { describe, expect, it } from "vitest";
import { parseSnapYaml } from "../snap/snap-yaml";
import { CORPUS_DIR, corpusFiles, requireShared } from "@/test/support/shared";
import type { SnapDeclaration } from "../policy/declaration";
import { runAutomatedReview, type ReviewInput } from "./automated";

function input(yaml: string, over: Partial<ReviewInput> = {}): ReviewInput {
  const { meta, errors } = parseSnapYaml(yaml);
  return {
    registeredName: meta?.name ?? "hello",
    isOwner: true,
    compression: "xz",
    meta,
    metaErrors: errors,
    classicGranted: false,
    ...over,
  };
}

const codes = (r: ReturnType<typeof runAutomatedReview>) => r.errors.map((e) => e.code);
const allChecks = (r: ReturnType<typeof runAutomatedReview>, level: "error" | "warn" | "info") =>
  Object.values(r.report.sections).flatMap((s) => Object.keys(s[level]));

const HELLO = `name: hello
version: 2.10
summary: GNU Hello, the "hello world" snap
description: GNU hello prints a friendly greeting.
base: core22
confinement: strict
grade: stable
apps:
  hello:
    command: bin/hello
    plugs: [network, home]
`;

describe("ready_to_release", () => {
  it("a plain strict app passes with exit 0", () => {
    const r = runAutomatedReview(input(HELLO));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.report.sections.lint.info["lint-snap-v2_name_valid"]).toEqual({ text: "OK", manual_review: false });
    expect(r.report.sections.lint.info["lint-snap-v2_squashfs_compression"].text).toContain("xz");
    expect(Object.keys(r.report.sections)).toEqual(["lint", "security", "declaration", "functional"]);
  });

  it("lzo compression is accepted", () => {
    expect(runAutomatedReview(input(HELLO, { compression: "lzo" })).outcome).toBe("ready_to_release");
  });

  it("camera is NOT checked at upload (only info about auto-connection)", () => {
    const r = runAutomatedReview(input("name: photo\nversion: 1\napps:\n  photo: {command: bin/photo, plugs: [camera]}\n"));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.exitCode).toBe(0);
    expect(r.report.sections.declaration.info["declaration-snap-v2_plugs_auto_connection (camera)"].text).toContain("not auto-connected");
  });

  it("devmode and devel are allowed with a warning/info (exit 3)", () => {
    const r = runAutomatedReview(input("name: dev\nversion: 1\nconfinement: devmode\ngrade: devel\n"));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.exitCode).toBe(3);
    expect(r.report.sections.lint.warn["lint-snap-v2_confinement_devmode"].text).toContain("beta or edge");
    expect(r.report.sections.lint.info["lint-snap-v2_grade_devel"].text).toContain("beta or edge");
  });

  it("classic with a grant and no interfaces", () => {
    const r = runAutomatedReview(input("name: code\nversion: 1\nconfinement: classic\napps:\n  code: {command: code}\n", { classicGranted: true }));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.report.sections.lint.info["lint-snap-v2_confinement_classic"].text).toContain("granted");
  });

  it("super-privileged plug allowed by the snap-declaration", () => {
    const decl: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": true } } };
    const r = runAutomatedReview(input("name: mgr\nversion: 1\nplugs:\n  snapd-control:\n", { declaration: decl }));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.report.sections.declaration.info["declaration-snap-v2_plugs_installation (snapd-control)"].text).toContain("snap-declaration");
  });

  it("unknown interfaces only warn", () => {
    const r = runAutomatedReview(input("name: odd\nversion: 1\nplugs:\n  thing: {interface: brand-new-iface}\n"));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.exitCode).toBe(3);
    expect(r.report.sections.security.warn["security-snap-v2_plug_unknown_interface (thing)"]).toBeDefined();
  });
});

describe("rejected", () => {
  it("invalid metadata: every error listed, in the lint section", () => {
    const r = runAutomatedReview(input("name: Bad_Name\nversion: -1\nconfinement: jail\n", { registeredName: "Bad_Name" }));
    expect(r.outcome).toBe("rejected");
    expect(r.exitCode).toBe(2);
    expect(codes(r)).toEqual(["invalid-metadata", "invalid-metadata", "invalid-metadata"]);
    expect(r.errors[0].message).toMatch(/^name: name "Bad_Name" is invalid/);
    const lintErrors = r.report.sections.lint.error;
    expect(Object.keys(lintErrors).sort()).toEqual(["lint-snap-v2_confinement_valid", "lint-snap-v2_name_valid", "lint-snap-v2_version_valid"]);
    expect(lintErrors["lint-snap-v2_name_valid"].manual_review).toBe(false);
  });

  it("YAML syntax error", () => {
    const r = runAutomatedReview(input("name: x\n  bad: [\n", { registeredName: "x" }));
    expect(r.outcome).toBe("rejected");
    expect(r.report.sections.lint.error["lint-snap-v2_snap_yaml_valid"].text).toMatch(/line/);
  });

  it("missing meta/snap.yaml (package error)", () => {
    const r = runAutomatedReview({
      registeredName: "hello",
      isOwner: true,
      compression: "xz",
      meta: null,
      metaErrors: [],
      classicGranted: false,
      packageError: { code: "missing-snap-yaml", message: "meta/snap.yaml is missing" },
    });
    expect(r.outcome).toBe("rejected");
    expect(r.errors).toEqual([{ code: "missing-snap-yaml", message: "meta/snap.yaml is missing" }]);
    expect(r.report.sections.lint.error["lint-snap-v2_package (missing-snap-yaml)"]).toBeDefined();
  });

  it("no meta and no reason still rejects", () => {
    const r = runAutomatedReview({ registeredName: "hello", isOwner: true, compression: "xz", meta: null, metaErrors: [], classicGranted: false });
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toEqual(["invalid-metadata"]);
  });

  it("classic with plugs or slots", () => {
    const r = runAutomatedReview(
      input("name: ide\nversion: 1\nconfinement: classic\napps:\n  ide: {command: ide, plugs: [network]}\n", { classicGranted: true }),
    );
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toEqual(["classic-with-interfaces"]);
    expect(r.report.sections.lint.error["lint-snap-v2_confinement_classic_with_interfaces"].text).toContain("plug network");
  });

  it.each(["gzip", "zstd", "lz4", "", "unknown"])("compression %j", (comp) => {
    const r = runAutomatedReview(input(HELLO, { compression: comp }));
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toEqual(["unsupported-compression"]);
    expect(r.report.sections.lint.error["lint-snap-v2_squashfs_compression"]).toBeDefined();
  });

  it("name mismatch", () => {
    const r = runAutomatedReview(input(HELLO, { registeredName: "hello-world" }));
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toEqual(["name-mismatch"]);
    expect(r.errors[0].message).toBe('snap.yaml name "hello" does not match the registered name "hello-world"');
  });

  it("not the owner", () => {
    const r = runAutomatedReview(input(HELLO, { isOwner: false }));
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toEqual(["not-owner"]);
    expect(r.report.sections.functional.error["functional-snap-v2_owner"]).toBeDefined();
  });

  it("rejection takes precedence over manual review, and rejecting codes come first", () => {
    const r = runAutomatedReview(input("name: kern\nversion: 1\ntype: kernel\nconfinement: classic\nplugs:\n  snapd-control:\n", { compression: "gzip" }));
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toEqual(["unsupported-compression", "classic-with-interfaces", "needs-classic-grant", "restricted-snap-type"]);
  });
});

describe("need_manual_review", () => {
  it("classic without a grant", () => {
    const r = runAutomatedReview(input("name: code\nversion: 1\nconfinement: classic\napps:\n  code: {command: code}\n"));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["needs-classic-grant"]);
    expect(r.report.sections.lint.error["lint-snap-v2_confinement_classic"]).toMatchObject({ manual_review: true });
    expect(r.exitCode).toBe(2);
  });

  it("super-privileged plug without a declaration", () => {
    const r = runAutomatedReview(input("name: mgr\nversion: 1\napps:\n  mgr: {command: mgr, plugs: [snapd-control, network]}\n"));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["super-privileged-interface"]);
    expect(r.report.sections.security.error["security-snap-v2_plug_installation_snapd-control"]).toMatchObject({ manual_review: true });
    expect(r.report.sections.declaration.error["declaration-snap-v2_plugs_installation (snapd-control)"]).toMatchObject({ manual_review: true });
  });

  it("a plug named differently but using a super-privileged interface", () => {
    const r = runAutomatedReview(input("name: dock\nversion: 1\nplugs:\n  engine: {interface: docker-support}\n"));
    expect(r.outcome).toBe("need_manual_review");
    expect(r.report.sections.declaration.error["declaration-snap-v2_plugs_installation (engine)"]).toBeDefined();
  });

  it.each(["personal-files", "system-files"])("reserved interface %s without a declaration", (iface) => {
    const r = runAutomatedReview(input(`name: dots\nversion: 1\nplugs:\n  cfg:\n    interface: ${iface}\n    read: [$HOME/.config/dots]\n`));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["reserved-interface"]);
    expect(r.report.sections.security.error[`security-snap-v2_plug_reserved_${iface}`]).toMatchObject({ manual_review: true });
  });

  it("reserved interface with a matching declaration passes", () => {
    const decl: SnapDeclaration = { plugs: { "personal-files": { "allow-installation": { "plug-attributes": { read: "\\$HOME/\\.config/dots" } } } } };
    const yaml = "name: dots\nversion: 1\nplugs:\n  cfg:\n    interface: personal-files\n    read: [$HOME/.config/dots]\n";
    expect(runAutomatedReview(input(yaml, { declaration: decl })).outcome).toBe("ready_to_release");
    const other = yaml.replace("dots]", "other]");
    expect(runAutomatedReview(input(other, { declaration: decl })).outcome).toBe("need_manual_review");
  });

  it.each(["base", "kernel", "gadget", "snapd", "os"])("snap type %s", (type) => {
    const r = runAutomatedReview(input(`name: special\nversion: 1\ntype: ${type}\n`));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["restricted-snap-type"]);
    expect(r.report.sections.lint.error["lint-snap-v2_snap_type_redflag"]).toMatchObject({ manual_review: true });
  });

  it("an app providing a system-only slot", () => {
    const r = runAutomatedReview(input("name: fake-net\nversion: 1\nslots:\n  network-control:\n"));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["slot-installation-denied"]);
  });

  it("an app providing a content slot is fine", () => {
    const r = runAutomatedReview(input("name: provider\nversion: 1\nslots:\n  lib: {interface: content, content: lib, read: [$SNAP/lib]}\n"));
    expect(r.outcome).toBe("ready_to_release");
  });

  it("all manual-review reasons are listed together", () => {
    const r = runAutomatedReview(input("name: gadg\nversion: 1\ntype: gadget\nplugs:\n  snapd-control:\n  dots: {interface: system-files, read: [/etc/x]}\n"));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r).sort()).toEqual(["reserved-interface", "restricted-snap-type", "super-privileged-interface"]);
  });
});

describe.skipIf(!requireShared("review of snapd's test snaps", CORPUS_DIR))("real snapd test snaps", () => {
  const files = new Map(corpusFiles());
  const review = (file: string, over: Partial<ReviewInput> = {}) => runAutomatedReview(input(files.get(file)!, over));

  it("basic snap passes", () => {
    expect(review("tests__lib__snaps__basic.yaml").outcome).toBe("ready_to_release");
  });

  it("the %SUFF% template is rejected as invalid metadata", () => {
    const r = review("tests__main__layout-content-delayed-effects__test-snapd-content-consumer.yaml");
    expect(r.outcome).toBe("rejected");
    expect(codes(r)).toContain("invalid-metadata");
  });

  it("gadget snaps need manual review", () => {
    expect(review("tests__lib__snaps__test-snapd-remodel-pc-18.yaml").outcome).toBe("need_manual_review");
  });

  it("every corpus file gets an outcome without throwing", () => {
    const counts: Record<string, number> = {};
    for (const f of files.keys()) {
      const r = review(f);
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      expect([0, 2, 3]).toContain(r.exitCode);
    }
    expect(counts.ready_to_release).toBeGreaterThan(200);
    expect(counts.need_manual_review).toBeGreaterThan(0);
  });
});

describe("slots and interfaces snapd does not know", () => {
  it.each(["docker", "lxd", "microceph"])("a %s slot on an app snap needs a declaration", (iface) => {
    const r = runAutomatedReview(input(`name: prov\nversion: 1\nslots:\n  sock:\n    interface: ${iface}\n`));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["slot-installation-denied"]);
    expect(r.report.sections.declaration.error["declaration-snap-v2_slots_installation (sock)"].text).toContain("allow-installation");
    // a declaration allowing the slot's installation lets it through
    const decl: SnapDeclaration = { slots: { [iface]: { "allow-installation": true } } };
    expect(runAutomatedReview(input(`name: prov\nversion: 1\nslots:\n  sock:\n    interface: ${iface}\n`, { declaration: decl })).outcome).toBe(
      "ready_to_release",
    );
  });

  it("a shared-memory slot on an app snap needs a declaration (only snapd's own snaps may provide it)", () => {
    const yaml = "name: shm\nversion: 1\nslots:\n  buf:\n    interface: shared-memory\n    write: [buf]\n";
    const r = runAutomatedReview(input(yaml));
    expect(r.outcome).toBe("need_manual_review");
    expect(codes(r)).toEqual(["slot-installation-denied"]);
    // the base rule names the system snaps' ids: a declaration granting installation is needed
    expect(runAutomatedReview(input(yaml, { declaration: { slots: { "shared-memory": { "allow-installation": true } } } })).outcome).toBe("ready_to_release");
    // a shared-memory PLUG is fine
    expect(runAutomatedReview(input("name: shm\nversion: 1\nplugs:\n  buf:\n    interface: shared-memory\n")).outcome).toBe("ready_to_release");
  });

  it("a plug-snap-id grant applies only to the snap it names", () => {
    const decl: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": { "plug-snap-id": ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] } } } };
    const yaml = "name: mgr\nversion: 1\nplugs:\n  snapd-control:\n";
    expect(runAutomatedReview(input(yaml, { declaration: decl, snapId: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })).outcome).toBe("ready_to_release");
    expect(runAutomatedReview(input(yaml, { declaration: decl, snapId: "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" })).outcome).toBe("need_manual_review");
  });

  it("a grant limited to Ubuntu Core passes with a warning for classic systems", () => {
    const decl: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": { "on-classic": false } } } };
    const r = runAutomatedReview(input("name: mgr\nversion: 1\nplugs:\n  snapd-control:\n", { declaration: decl }));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.report.sections.declaration.warn["declaration-snap-v2_plugs_installation (snapd-control)"].text).toContain("refused on classic systems");
  });

  it("an unknown slot interface is dropped with a warning, as snapd drops it", () => {
    const r = runAutomatedReview(input("name: odd\nversion: 1\nslots:\n  thing: {interface: brand-new-iface}\n"));
    expect(r.outcome).toBe("ready_to_release");
    expect(r.report.sections.security.warn["security-snap-v2_slot_unknown_interface (thing)"].text).toContain("drops it");
  });

  it("an interface only later snapd knows: a warning, and manual review when later snapd denies installation", () => {
    const r = runAutomatedReview(input("name: ns\nversion: 1\nplugs:\n  userns:\n"));
    expect(r.report.sections.security.warn["security-snap-v2_plug_unknown_interface (userns)"].text).toContain("snapd 2.57");
    expect(r.outcome).toBe("need_manual_review");
    expect(runAutomatedReview(input("name: pw\nversion: 1\nplugs:\n  pipewire:\n")).outcome).toBe("ready_to_release");
  });

  it("a plug snapd drops for a bad attribute type is a warning", () => {
    const r = runAutomatedReview(input("name: shm\nversion: 1\nplugs:\n  buf:\n    interface: shared-memory\n    private: 'yes'\n"));
    expect(r.report.sections.security.warn["security-snap-v2_plug_dropped (buf)"].text).toContain("private");
  });

  it("slots get an explanation of who may connect", () => {
    const r = runAutomatedReview(input("name: provider\nversion: 1\nslots:\n  lib: {interface: content, content: lib, read: [$SNAP/lib]}\n"));
    expect(r.report.sections.declaration.info["declaration-snap-v2_slots_connection (lib)"].text).toContain("lib");
  });

  it("every interface snapd 2.57 knows is in our table", () => {
    // a few that the old table lacked
    for (const iface of ["docker", "lxd", "microceph", "gpio-control", "pkcs11", "uio", "unity8"]) {
      const r = runAutomatedReview(input(`name: x\nversion: 1\nplugs:\n  p:\n    interface: ${iface}\n`));
      expect(
        Object.keys(r.report.sections.security.warn).filter((k) => k.includes("unknown_interface")),
        iface,
      ).toEqual([]);
    }
  });
});

it("check names follow review-tools style", () => {
  const r = runAutomatedReview(input("name: mgr\nversion: 1\nconfinement: devmode\nplugs:\n  snapd-control:\n"));
  for (const name of [...allChecks(r, "error"), ...allChecks(r, "warn"), ...allChecks(r, "info")]) {
    expect(name).toMatch(/^(lint|security|declaration|functional)-snap-v2_[a-z0-9_-]+( \([a-z0-9-]+\))?$/);
  }
});
