/**
 * Which patchwork a thread's list is asked (issue 18, patchwork checks): the reader's
 * instance (Options → Patchwork; patchwork.kernel.org by default) for the lists it tracks,
 * none while the feature is off.
 *
 * patchwork.kernel.org files a patch under the project of the list it came through; the
 * lookup is by Message-ID across its projects (patchwork-json.ts), so only whether a list is
 * tracked matters here, not the project's name (netdev and bpf are one project,
 * `netdevbpf`). `KERNEL_TRACKED` names the lore inboxes of the lists patchwork.kernel.org
 * has projects for, written from its project page as remembered, not checked live (no network
 * where this was written: check https://patchwork.kernel.org/ when in doubt); lore's `/all/` (where patchwork pages
 * and cross-posted threads resolve) counts too, every list on it being a kernel list. The
 * reader's `lists` add to it; for another instance they are the only lists asked. A list
 * wrongly taken costs one lookup per patch answered "not in patchwork", cached.
 *
 * Non-goals: fetching (checks.ts), the permission (optional-hosts.ts).
 */
import { KERNEL_PATCHWORK_URL, type PatchworkSettings } from '../../settings.ts';
import { inboxOf } from '../../sites/public-inbox-url.ts';

export const KERNEL_TRACKED = new Set(
  (
    'all linux-mm netdev bpf linux-arm-kernel linux-arm-msm linux-block linux-btrfs linux-cifs linux-clk ' +
    'linux-crypto linux-cxl nvdimm dm-devel linux-fsdevel linux-fscrypt linux-hardening linux-hwmon ' +
    'linux-iio linux-input linux-integrity linux-kbuild kvm kvmarm linux-kselftest linux-mediatek ' +
    'linux-mmc linux-mips linux-nfs linux-omap linux-pci linux-pm linux-acpi linux-rdma ' +
    'linux-renesas-soc linux-riscv linux-rockchip linux-samsung-soc linux-scsi linux-usb ' +
    'linux-watchdog linux-wireless linux-bluetooth linux-trace-kernel linux-trace-devel io-uring ' +
    'mptcp xen-devel fstests linux-media dri-devel linux-fbdev linux-parisc linux-sh linux-spi git'
  ).split(' '),
);

/** Whether the reader named this list (by inbox name or address). */
const named = (lists: readonly string[], name: string): boolean => lists.some((l) => l === name || l.split('@')[0] === name);

/** The instance to ask about the thread on `inboxUrl`, or null (off, or a list it does not track). */
export function instanceFor(s: PatchworkSettings, inboxUrl: string): string | null {
  if (!s.on) return null;
  const ib = inboxOf(inboxUrl);
  if (!ib?.name) return null;
  if (named(s.lists, ib.name)) return s.url;
  return s.url === KERNEL_PATCHWORK_URL && ib.host === 'lore.kernel.org' && KERNEL_TRACKED.has(ib.name) ? s.url : null;
}


export const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
