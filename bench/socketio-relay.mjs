// The Socket.IO way, minimal: clients join a room and every message is relayed to the room's
// other sockets. Started by the bench in its own process; prints its port on stdout.
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const http = createServer()
const io = new Server(http)
io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room)
    ack?.()
  })
  socket.on('message', (message) => {
    socket.to(message.room).emit('message', message)
  })
})
http.listen(0, '127.0.0.1', () => {
  const address = http.address()
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`)
})
process.on('SIGTERM', () => io.close(() => process.exit(0)))
