//! The address a request really comes from, behind reverse proxies the operator trusts.
//!
//! Throttling of sign-in attempts and the audit log use the client's address. Behind a proxy
//! every request comes from the proxy's socket address, so the operator names the proxies
//! (`--trusted-proxies`); only when the socket peer is one of them is the forwarded chain
//! (`X-Forwarded-For`, or `Forwarded: for=`) read, from the right, skipping trusted hops: the
//! first address that is not a trusted proxy is the client. A client can put anything at the
//! left of the header, so nothing left of that first untrusted hop is believed.

use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;

/// The proxies whose forwarding headers are believed: addresses or networks (CIDR).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list such as `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let net = match IpNet::from_str(item) {
                Ok(net) => net,
                Err(_) => IpAddr::from_str(item)
                    .map(IpNet::from)
                    .map_err(|_| format!("'{item}' is not an IP address or network (CIDR)"))?,
            };
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|n| n.contains(&ip))
    }

    /// The client's address for a request whose socket peer is `peer`, with the values of
    /// its `X-Forwarded-For` and `Forwarded` headers (each header line, in order).
    pub fn client(&self, peer: IpAddr, x_forwarded_for: &[&str], forwarded: &[&str]) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        // `Forwarded` (RFC 7239) is the standard; `X-Forwarded-For` the common one.
        let mut chain: Vec<IpAddr> = forwarded
            .iter()
            .flat_map(|line| line.split(','))
            .filter_map(forwarded_for)
            .collect();
        if chain.is_empty() {
            chain = x_forwarded_for
                .iter()
                .flat_map(|line| line.split(','))
                .filter_map(|hop| parse_hop(hop.trim()))
                .collect();
        }
        let mut client = peer;
        for hop in chain.into_iter().rev() {
            client = hop;
            if !self.trusts(hop) {
                break;
            }
        }
        client
    }
}

/// `::ffff:1.2.3.4` is 1.2.3.4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The `for=` of one element of a `Forwarded` header.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_hop(value.trim().trim_matches('"')))
            .flatten()
    })
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `[::1]:80` or `::1`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = IpAddr::from_str(hop) {
        return Some(canonical(ip));
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return IpAddr::from_str(rest.split(']').next()?)
            .ok()
            .map(canonical);
    }
    let (host, _port) = hop.rsplit_once(':')?;
    IpAddr::from_str(host).ok().map(canonical)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn without_trusted_proxies_the_socket_peer_is_the_client() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.9"), &["198.51.100.1"], &[]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_first_untrusted_hop_from_the_right_is_the_client() {
        let t = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap_or_default();
        let proxy = ip("127.0.0.1");
        assert_eq!(t.client(proxy, &["198.51.100.7"], &[]), ip("198.51.100.7"));
        // A client that forges the left of the header gains nothing.
        assert_eq!(
            t.client(proxy, &["1.1.1.1, 198.51.100.7, 10.1.2.3"], &[]),
            ip("198.51.100.7")
        );
        // Several header lines are one list.
        assert_eq!(
            t.client(proxy, &["1.1.1.1", "198.51.100.8"], &[]),
            ip("198.51.100.8")
        );
        // Forwarded wins over X-Forwarded-For; ports and brackets are understood.
        assert_eq!(
            t.client(
                proxy,
                &["1.1.1.1"],
                &["for=\"[2001:db8::1]:4711\";proto=https, for=10.0.0.5"]
            ),
            ip("2001:db8::1")
        );
        assert_eq!(
            t.client(proxy, &["198.51.100.9:5000"], &[]),
            ip("198.51.100.9")
        );
        // No header, or only garbage: the proxy itself.
        assert_eq!(t.client(proxy, &[], &[]), proxy);
        assert_eq!(t.client(proxy, &["unknown, _hidden"], &[]), proxy);
        // Only trusted hops: the leftmost.
        assert_eq!(
            t.client(proxy, &["10.0.0.1, 10.0.0.2"], &[]),
            ip("10.0.0.1")
        );
        // An untrusted peer's header is ignored.
        assert_eq!(
            t.client(ip("203.0.113.1"), &["198.51.100.7"], &[]),
            ip("203.0.113.1")
        );
        // An IPv4-mapped peer is the IPv4 proxy.
        assert_eq!(
            t.client(ip("::ffff:127.0.0.1"), &["198.51.100.7"], &[]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn a_wrong_entry_is_named() {
        let err = TrustedProxies::parse("127.0.0.1, proxy.example").unwrap_err();
        assert!(err.contains("proxy.example"), "{err}");
        assert!(TrustedProxies::parse("").unwrap_or_default().is_empty());
    }
}
