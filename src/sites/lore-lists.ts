/**
 * Which lists lore.kernel.org carries, by the names other archives give them, so the
 * adapters of marc, spinics, pipermail, … can send a kernel list's message to lore's
 * `/all/<mid>/` and leave other lists to the archive's own data.
 *
 * Kept deliberately small (it ships in the content script): the lists readers are most
 * likely to open elsewhere, plus whole list domains that lore mirrors. An unknown list
 * is not an error: its message still resolves to a Message-ID, only without a thread URL.
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
  'linux-m68k linux-sh sparclinux linux-um linux-arch linux-toolchains llvm kernel-janitors';

const MAP = new Map<string, string>(
  TABLE.split(' ').map((e) => {
    const [from, to] = e.split(':');
    return [from!, to ?? from!];
  }),
);

// whole domains whose lists lore carries
const KERNEL_DOMAIN = /(^|\.)(vger\.kernel\.org|kernel\.org|kvack\.org|lists\.infradead\.org|lists\.linux\.dev|lists\.ozlabs\.org)$/i;

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
  return null;
}

/** lore's `/all/` when lore carries the list, else null. */
export function loreInboxUrl(list: string | null, kernelHost = false): string | null {
  return kernelHost || loreInbox(list) ? 'https://lore.kernel.org/all/' : null;
}
