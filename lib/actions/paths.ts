// Pages a dashboard action makes stale (revalidatePath targets). Not a "use server" module, so
// plain helpers may live here.
export const snapDashboardPath = (name: string) => `/dashboard/snaps/${name}`;
export const publicSnapPath = (name: string) => `/snaps/${name}`;
