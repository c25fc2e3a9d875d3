export * from "./coupons";
export * from "./plans";
