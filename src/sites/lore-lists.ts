/**
 * Which lists lore.kernel.org carries, by the names other archives give them, so the
 * adapters of marc, spinics, pipermail, … can send a kernel list's message to lore's
 * `/all/<mid>/` and leave other lists to the archive's own data.
 *
 * Kept deliberately small (it ships in the content script): the lists readers are most
 * likely to open elsewhere, plus whole list domains that lore mirrors entirely. An unknown
 * list is not an error: its message still resolves to a Message-ID, only without a thread
 * URL. Archives that carry nothing but kernel lists (lkml.org, lkml.iu.edu,
 * patchwork.kernel.org) skip this table and use lore's `/all/` for every list.
 *
 * Non-goals: lore's full inbox list (its manifest), or lists hosted elsewhere.
 */

// name or `archive-name:lore-name`; archives spell lkml `linux-kernel` (marc, hypermail),
// `kernel` (spinics) and `lkml` (lkml.org), and netdev `linux-netdev` (marc).
const TABLE =
  'linux-mm linux-kernel:lkml kernel:lkml lkml linux-netdev:netdev netdev linux-fsdevel linux-block linux-scsi ' +
  'linux-ext4 linux-btrfs linux-xfs linux-nfs kvm linux-pci linux-usb linux-arm-kernel linux-arm-msm dri-devel ' +
  'linux-media linux-doc linux-api linux-security-module selinux bpf linux-rt-users linux-next stable git ' +
  'linux-riscv linuxppc-dev linux-mips linux-crypto linux-acpi linux-pm linux-ide linux-nvme linux-mtd ' +
  'linux-wireless linux-bluetooth linux-hardening linux-kselftest rcu io-uring linux-cifs linux-rdma ' +
  'linux-s390 linux-hyperv virtualization linux-perf-users linux-trace-kernel linux-input linux-serial ' +
  'linux-gpio linux-i2c linux-spi linux-clk linux-omap linux-samsung-soc linux-renesas-soc linux-sunxi ' +
  'linux-rockchip linux-mediatek linux-tegra linux-fbdev linux-sound alsa-devel linux-hwmon linux-iio ' +
  'linux-leds linux-watchdog linux-edac linux-integrity keyrings linux-audit linux-man util-linux ' +
  'linux-sparse cgroups containers linux-raid dm-devel linux-bcache linux-f2fs-devel ocfs2-devel ' +
  'linux-unionfs autofs linux-erofs nvdimm linux-cxl iommu linux-efi linux-parisc linux-alpha ' +
  'linux-m68k linux-sh sparclinux linux-um linux-arch linux-toolchains llvm kernel-janitors ' +
  // hosted on infradead, ozlabs, openwall, freedesktop, xen.org and nongnu, whose other lists lore lacks
  'linux-snps-arc linux-amlogic kexec ath10k ath11k ath12k openbmc linux-aspeed kernel-hardening ' +
  'intel-gfx intel-xe amd-gfx nouveau xen-devel qemu-devel';

const MAP = new Map<string, string>(
  TABLE.split(' ').map((e) => {
    const [from, to] = e.split(':');
    return [from!, to ?? from!];
  }),
);

// whole domains whose lists lore carries; infradead and ozlabs are not among them (openwrt-devel,
// hostap, skiboot, petitboot are not on lore), their kernel lists are in TABLE
const KERNEL_DOMAIN = /(^|\.)(kernel\.org|kvack\.org|lists\.linux\.dev)$/i;
// hosts beside those where a `linux-*` list is a kernel list
const LINUX_ALSO = /(^|\.)lists\.(infradead|ozlabs)\.org$/i;

/**
 * lore's inbox name for a list as an archive names it (`linux-mm`, `linux-kernel`,
 * `linux-mm@kvack.org`, `linux-mm.kvack.org`), or null when lore is not known to carry it.
 */
export function loreInbox(list: string | null): string | null {
  if (!list) return null;
  const l = list.toLowerCase();
  const at = l.indexOf('@');
  const name = at >= 0 ? l.slice(0, at) : l.replace(/\.(vger\.kernel\.org|kvack\.org)$/, '');
  const known = MAP.get(name);
  if (known) return known;
  if (at >= 0 && KERNEL_DOMAIN.test(l.slice(at + 1))) return name;
  // Nearly every `linux-*` list on the kernel's list hosts (vger, infradead, ozlabs, ...) is
  // one lore carries under its own name, and the table cannot name them all. Elsewhere the
  // prefix proves nothing (linux-audio-dev@lists.linuxaudio.org): a bare name is taken as
  // the kernel's, since the archives that give bare names carry mostly kernel lists.
  const domain = at >= 0 ? l.slice(at + 1) : null;
  if (/^linux-[a-z0-9-]+$/.test(name) && (domain === null || KERNEL_DOMAIN.test(domain) || LINUX_ALSO.test(domain))) return name;
  return null;
}

/**
 * lore's `/all/` when lore is known to carry the list, else null. `/all/` rather than the
 * list's own inbox: a thread cross-posted to several lists is whole only there.
 */
export function loreInboxUrl(list: string | null): string | null {
  return loreInbox(list) ? 'https://lore.kernel.org/all/' : null;
}
