import CCurlShim

/// The C functions curl calls back: no captures (they are C function pointers); the context pointer carries the
/// engine or the transfer, unretained — the engine keeps both alive while curl can call.

let engineSocketCallback: pv_socket_callback = { _, socket, what, engineContext, _ in
    Unmanaged<UpstreamEngine>.fromOpaque(engineContext!).takeUnretainedValue().watch(socket: socket, what: what)
    return 0
}

let engineTimerCallback: pv_timer_callback = { _, milliseconds, engineContext in
    Unmanaged<UpstreamEngine>.fromOpaque(engineContext!).takeUnretainedValue().setTimer(milliseconds: milliseconds)
    return 0
}

let engineOpenSocketCallback: pv_open_socket_callback = { engineContext, _, address in
    Unmanaged<UpstreamEngine>.fromOpaque(engineContext!).takeUnretainedValue().openSocket(address!)
}

let engineCloseSocketCallback: pv_close_socket_callback = { engineContext, socket in
    Unmanaged<UpstreamEngine>.fromOpaque(engineContext!).takeUnretainedValue().socketClosed(socket)
    return 0
}

let transferHeaderCallback: pv_data_callback = { buffer, size, count, transferContext in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferContext!).takeUnretainedValue()
    let length = size * count
    return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

let transferWriteCallback: pv_data_callback = { buffer, size, count, transferContext in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferContext!).takeUnretainedValue()
    let length = size * count
    return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length))
        ? length : Int(CURL_WRITEFUNC_PAUSE)
}

let transferReadCallback: pv_data_callback = { buffer, size, count, transferContext in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferContext!).takeUnretainedValue()
    switch transfer.sendRequestBody(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count)) {
    case .bytes(let copied): return copied
    case .pause: return Int(CURL_READFUNC_PAUSE)
    case .end: return 0
    }
}
