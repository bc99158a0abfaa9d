/** Where a datagram comes from or goes to: an IPv4 address and a UDP port. */
export interface Endpoint {
  address: string;
  port: number;
}
