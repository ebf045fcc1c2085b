export async function vscodeSuite() {}
