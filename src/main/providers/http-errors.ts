/** Node's transport failures in words that name the host but never the URL. */
export function describeNetworkError(
  code: string | undefined,
  host: string,
  label: string,
): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot reach ${label} (${host}): the connection was refused.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach ${label}: the name ${host} could not be found. Check the address and your network.`
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${label} (${host}) was cut off.`
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `Cannot reach ${label} (${host}): no network route.`
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_NOT_YET_VALID':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate of ${label} (${host}) is not trusted (${code}).`
    default:
      return `Cannot reach ${label} (${host}).`
  }
}
