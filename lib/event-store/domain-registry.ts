import { domainEventDefinitions } from "@/lib/domain";
import { EventRegistry } from "./registry";

/** The store's registry of the domain's events: what Ledgerline's store accepts and how it reads old ones. */
export const domainRegistry = new EventRegistry(domainEventDefinitions);
